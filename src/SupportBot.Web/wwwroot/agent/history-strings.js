/*
 * History's words (the view and the chat panel's "Earlier conversations") in SupportBot's four languages, in the
 * order of ../shared/languages.js, and the language the agent picked for them (kept in this browser).
 */
import { findLanguage, languages } from '../shared/languages.js';

const words = {
  uiLanguage: ['Page language', 'ภาษาของหน้า', 'Язык страницы', 'لغة الصفحة'],
  searchLabel: ['Search closed conversations', 'ค้นหาบทสนทนาที่ปิดแล้ว', 'Поиск закрытых диалогов', 'البحث في المحادثات المغلقة'],
  q: ['Text in any message', 'ข้อความในแชท', 'Текст в любом сообщении', 'نص في أي رسالة'],
  customer: ['Customer id', 'รหัสลูกค้า', 'ID клиента', 'معرّف العميل'],
  order: ['Order number', 'หมายเลขคำสั่งซื้อ', 'Номер заказа', 'رقم الطلب'],
  intent: ['Intent', 'เจตนา', 'Намерение', 'النية'],
  agent: ['Agent id', 'รหัสเจ้าหน้าที่', 'ID сотрудника', 'معرّف الموظف'],
  rating: ['Rating', 'คะแนน', 'Оценка', 'التقييم'],
  anyRating: ['Any rating', 'ทุกคะแนน', 'Любая оценка', 'أي تقييم'],
  from: ['From', 'ตั้งแต่', 'С', 'من'],
  to: ['To', 'ถึง', 'По', 'إلى'],
  search: ['Search', 'ค้นหา', 'Найти', 'بحث'],
  clear: ['Clear', 'ล้าง', 'Сбросить', 'مسح'],
  more: ['More', 'เพิ่มเติม', 'Ещё', 'المزيد'],
  searching: ['Searching…', 'กำลังค้นหา…', 'Поиск…', 'جارٍ البحث…'],
  noMatch: ['No closed conversation matches.', 'ไม่พบบทสนทนาที่ปิดแล้วที่ตรงกัน', 'Нет подходящих закрытых диалогов.', 'لا توجد محادثة مغلقة مطابقة.'],
  rated: ['Rated {n} out of 5', 'ได้ {n} จาก 5 คะแนน', 'Оценка {n} из 5', 'التقييم {n} من 5'],
  whyHandoff: ['Why the bot handed off', 'เหตุผลที่บอตส่งต่อ', 'Почему бот передал диалог', 'سبب التحويل من الروبوت'],
  asked: ['Asked', 'ขอเมื่อ', 'Запрошено', 'طُلب'],
  pickedUp: ['Picked up', 'รับเรื่อง', 'Принято', 'استُلم'],
  closed: ['Closed', 'ปิด', 'Закрыто', 'أُغلق'],
  handoffs: ['Hand-offs', 'การส่งต่อ', 'Передачи', 'التحويلات'],
  transcript: ['Transcript', 'บันทึกการสนทนา', 'Переписка', 'نص المحادثة'],
  survey: ['Survey: ', 'แบบสำรวจ: ', 'Опрос: ', 'الاستبيان: '],
  noSurvey: ['No survey answer.', 'ไม่มีคำตอบแบบสำรวจ', 'Ответа на опрос нет.', 'لا توجد إجابة على الاستبيان.'],
  npsTitle: ['How likely to recommend us, 0-10', 'โอกาสที่จะแนะนำเรา 0-10', 'Готовность рекомендовать нас, 0-10', 'احتمال أن يوصي بنا، 0-10'],
  results: ['← Results', '← ผลการค้นหา', '← Результаты', '→ النتائج'],
  loading: ['Loading…', 'กำลังโหลด…', 'Загрузка…', 'جارٍ التحميل…'],
  notArchived: ['This conversation is not in the archive (yet).', 'บทสนทนานี้ยังไม่อยู่ในคลังข้อมูล', 'Этого диалога (пока) нет в архиве.', 'هذه المحادثة ليست في الأرشيف (بعد).'],
  earlier: ['Earlier conversations', 'บทสนทนาก่อนหน้า', 'Прошлые диалоги', 'المحادثات السابقة'],
  looking: ['Looking…', 'กำลังค้นหา…', 'Ищем…', 'جارٍ البحث…'],
  noneKnown: ['None known in the archive.', 'ไม่พบในคลังข้อมูล', 'В архиве ничего нет.', 'لا شيء معروف في الأرشيف.'],
  unreadable: ['None known: history cannot be read now.', 'ไม่ทราบ: อ่านประวัติไม่ได้ในขณะนี้', 'Неизвестно: историю сейчас не прочитать.', 'غير معروف: تعذّرت قراءة السجل الآن.'],
  openTranscript: ['Open the transcript', 'เปิดบันทึกการสนทนา', 'Открыть переписку', 'فتح نص المحادثة'],
  // The archive's hand-off outcomes, as an agent says them.
  closedByAgent: ['Closed by the agent', 'เจ้าหน้าที่ปิดแล้ว', 'Закрыт сотрудником', 'أغلقه الموظف'],
  resolved: ['Resolved', 'แก้ไขแล้ว', 'Решено', 'تم الحل'],
  returned: ['Back to the bot', 'กลับไปที่บอต', 'Возвращён боту', 'أُعيد إلى الروبوت'],
  abandoned: ['Left the queue', 'ออกจากคิว', 'Ушёл из очереди', 'غادر الطابور'],
  timeout: ['Nobody picked up in time', 'ไม่มีใครรับทันเวลา', 'Никто не ответил вовремя', 'لم يستلمها أحد في الوقت المحدد'],
  failed: ['Hand-off failed', 'ส่งต่อไม่สำเร็จ', 'Передача не удалась', 'فشل التحويل'],
};

const storageKey = 'supportbot.agent.language';

/** The language History speaks: the agent's pick in this browser, English until they pick one. */
export function historyLanguage() {
  try {
    return findLanguage(localStorage.getItem(storageKey)) || languages[0];
  } catch {
    return languages[0];
  }
}

export function pickHistoryLanguage(code) {
  try { localStorage.setItem(storageKey, code); } catch { /* private mode: for this page only */ }
}

/** The words of the picked language; `t('rated', { n: 4 })` fills a placeholder. */
export function t(key, values = {}) {
  const index = Math.max(0, languages.indexOf(historyLanguage()));
  return (words[key]?.[index] ?? words[key]?.[0] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}
