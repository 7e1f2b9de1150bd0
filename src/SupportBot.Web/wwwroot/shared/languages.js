/*
 * The languages SupportBot speaks, for every page: the code the server uses, the English name (console and
 * maintainer page), the name in the language itself (the widget's picker), Web Chat's locale and the direction.
 */

export const languages = Object.freeze([
  { code: 'en', name: 'English', native: 'English', locale: 'en-US', dir: 'ltr' },
  { code: 'th', name: 'Thai', native: 'ไทย', locale: 'th-TH', dir: 'ltr' },
  { code: 'ru', name: 'Russian', native: 'Русский', locale: 'ru-RU', dir: 'ltr' },
  { code: 'ar', name: 'Arabic', native: 'العربية', locale: 'ar-SA', dir: 'rtl' },
].map(Object.freeze));

/** The language of a code or locale ("ar", "ar-SA", "AR_eg"), or undefined when SupportBot does not speak it. */
export function findLanguage(codeOrLocale) {
  const code = String(codeOrLocale || '').toLowerCase().split(/[-_]/)[0];
  return languages.find((language) => language.code === code);
}

/** The English name of a language code, or the code itself when it is not one of ours. */
export const languageName = (code) => findLanguage(code)?.name || code;
