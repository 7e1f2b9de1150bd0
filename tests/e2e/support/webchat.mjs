// What a customer does and sees in the widget's Web Chat, for tests that drive it.

/** Types `text` into Web Chat's send box and sends it with Enter. */
export async function sendAsCustomer(page, text) {
  const box = page.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

/**
 * Message text as drawn in bubbles (a string matches part of the text, a RegExp the text); Web Chat also repeats it
 * in hidden screen-reader labels, which are not counted.
 */
export function textInTranscript(page, text) {
  return page.locator('.webchat__basic-transcript .webchat__text-content', { hasText: text });
}

/** The whole activity (bubble plus status line) that shows `text`. */
export function activityWithText(page, text) {
  return page.locator('.webchat__basic-transcript .webchat__stacked-layout')
    .filter({ has: page.locator('.webchat__text-content', { hasText: text }) });
}

/** A suggested-action button in Web Chat's toolbar (the transcript's live region repeats it for screen readers). */
export function suggestedButton(page, name) {
  return page.locator('.webchat__suggested-actions__button').getByText(name, { exact: true });
}

/** The conversation the widget on `page` is in, from what it keeps in localStorage (supportbot:<base>:session). */
export async function widgetConversationId(page, timeout) {
  const handle = await page.waitForFunction(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith('supportbot:') && key.endsWith(':session')) {
        try {
          const session = JSON.parse(localStorage.getItem(key));
          if (session?.conversationId) return session.conversationId;
        } catch { /* not the widget's */ }
      }
    }
    return null;
  }, null, { timeout, polling: 100 });
  return handle.jsonValue();
}

/** A dialog message template ("You're number {position}…") as a RegExp, placeholders replaced by the given patterns. */
export function templatePattern(template, values) {
  const source = template.split(/(\{\w+\})/).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return name && name in values ? values[name] : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('');
  return new RegExp(source);
}
