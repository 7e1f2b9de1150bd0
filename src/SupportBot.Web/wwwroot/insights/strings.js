/*
 * The insights page's own words in SupportBot's four languages (the language list is ../shared/languages.js). A
 * figure's name here matches its definition in docs/insights.md.
 */
import { findLanguage } from '../shared/languages.js';

const words = {
  title: ['Insights', 'ข้อมูลเชิงลึก', 'Аналитика', 'الإحصاءات'],
  lead: ['Sign in with a supervisor account to see how the desk is doing.', 'ลงชื่อเข้าใช้ด้วยบัญชีหัวหน้างานเพื่อดูผลการทำงานของทีม', 'Войдите с учётной записью руководителя, чтобы увидеть показатели.', 'سجّل الدخول بحساب مشرف لترى أداء فريق الدعم.'],
  notSupervisor: ['This page needs the supervisor role.', 'หน้านี้ต้องใช้สิทธิ์หัวหน้างาน', 'Для этой страницы нужна роль руководителя.', 'تحتاج هذه الصفحة إلى دور المشرف.'],
  signOut: ['Sign out', 'ออกจากระบบ', 'Выйти', 'تسجيل الخروج'],
  from: ['From', 'ตั้งแต่', 'С', 'من'],
  to: ['To', 'ถึง', 'По', 'إلى'],
  language: ['Language', 'ภาษา', 'Язык', 'اللغة'],
  channel: ['Channel', 'ช่องทาง', 'Канал', 'القناة'],
  all: ['All', 'ทั้งหมด', 'Все', 'الكل'],
  show: ['Show', 'แสดง', 'Показать', 'عرض'],
  uiLanguage: ['Page language', 'ภาษาของหน้า', 'Язык страницы', 'لغة الصفحة'],
  previous: ['previous period', 'ช่วงก่อนหน้า', 'прошлый период', 'الفترة السابقة'],
  conversations: ['Conversations', 'บทสนทนา', 'Диалоги', 'المحادثات'],
  engaged: ['Engaged', 'ลูกค้าพิมพ์', 'С сообщениями', 'تفاعل فيها العميل'],
  containmentRate: ['Contained by the bot', 'บอตแก้ได้เอง', 'Решено ботом', 'حلّها الروبوت'],
  naiveContainmentRate: ['Naive containment', 'ไม่ได้ส่งต่อ (แบบหยาบ)', 'Без передачи (наивно)', 'الاحتواء الساذج'],
  escalated: ['Handed to a person', 'ส่งต่อเจ้าหน้าที่', 'Переданы сотруднику', 'حُوّلت إلى موظف'],
  resolutionRate: ['Resolved by agents', 'เจ้าหน้าที่แก้ได้', 'Решено сотрудниками', 'حلّها الموظفون'],
  pickup: ['Time to pickup (p50 / p90)', 'เวลารอรับสาย (p50 / p90)', 'Ожидание ответа (p50 / p90)', 'وقت الاستلام (p50 / p90)'],
  firstResponse: ['Agent first response (p50 / p90)', 'เจ้าหน้าที่ตอบครั้งแรก (p50 / p90)', 'Первый ответ сотрудника (p50 / p90)', 'أول رد من الموظف (p50 / p90)'],
  csat: ['CSAT (4-5)', 'CSAT (4-5)', 'CSAT (4-5)', 'CSAT (4-5)'],
  csatMean: ['Mean rating', 'คะแนนเฉลี่ย', 'Средняя оценка', 'متوسط التقييم'],
  nps: ['NPS', 'NPS', 'NPS', 'NPS'],
  queueAbandonment: ['Left the queue', 'ออกจากคิว', 'Ушли из очереди', 'غادروا الطابور'],
  tickets: ['Tickets opened', 'ตั๋วที่เปิด', 'Открыто заявок', 'التذاكر المفتوحة'],
  funnel: ['From the bot to a person to resolved', 'จากบอต สู่เจ้าหน้าที่ สู่การแก้ไข', 'От бота к сотруднику и к решению', 'من الروبوت إلى موظف إلى الحل'],
  pickedUp: ['Picked up', 'รับเรื่องแล้ว', 'Приняты', 'استُلمت'],
  resolved: ['Resolved', 'แก้ไขแล้ว', 'Решены', 'حُلّت'],
  trend: ['Daily trend', 'แนวโน้มรายวัน', 'По дням', 'الاتجاه اليومي'],
  rates: ['Rates, %', 'อัตรา, %', 'Доли, %', 'النسب، %'],
  intents: ['By intent', 'ตามเจตนา', 'По намерениям', 'حسب النية'],
  agents: ['By agent', 'ตามเจ้าหน้าที่', 'По сотрудникам', 'حسب الموظف'],
  languages: ['By language', 'ตามภาษา', 'По языкам', 'حسب اللغة'],
  intent: ['Intent', 'เจตนา', 'Намерение', 'النية'],
  messages: ['Messages', 'ข้อความ', 'Сообщения', 'الرسائل'],
  helped: ['Helped yes / no', 'ช่วยได้ ใช่ / ไม่', 'Помогло да / нет', 'ساعد نعم / لا'],
  misunderstood: ['Misunderstood', 'ไม่เข้าใจ', 'Не понято', 'لم يُفهم'],
  didYouMean: ['"Did you mean"', '"หมายถึง"', '«Вы имели в виду»', '«هل تقصد»'],
  agent: ['Agent', 'เจ้าหน้าที่', 'Сотрудник', 'الموظف'],
  chats: ['Chats', 'แชท', 'Чаты', 'المحادثات'],
  handle: ['Handle time', 'เวลาดูแล', 'Время обработки', 'مدة المعالجة'],
  export: ['CSV', 'CSV', 'CSV', 'CSV'],
  empty: ['Nothing in this period.', 'ไม่มีข้อมูลในช่วงนี้', 'За этот период ничего нет.', 'لا شيء في هذه الفترة.'],
  loading: ['Loading…', 'กำลังโหลด…', 'Загрузка…', 'جارٍ التحميل…'],
  unreachable: ['The server cannot be reached.', 'ติดต่อเซิร์ฟเวอร์ไม่ได้', 'Сервер недоступен.', 'تعذّر الوصول إلى الخادم.'],
  seconds: ['s', 'วิ', 'с', 'ث'],
  date: ['Day', 'วัน', 'День', 'اليوم'],
  summaryCsv: ['Summary CSV', 'สรุป CSV', 'Сводка CSV', 'الملخص CSV'],
};

const codes = ['en', 'th', 'ru', 'ar'];

/** The words of one language (English for one we do not speak). */
export function stringsFor(code) {
  const index = Math.max(0, codes.indexOf(findLanguage(code)?.code));
  return Object.fromEntries(Object.entries(words).map(([key, values]) => [key, values[index]]));
}
