/*
 * The widget's own words in each language it speaks (Web Chat translates its own parts: the send box's
 * placeholder, "Send", the timestamps). {name} is filled in by the widget.
 */

const strings = {
  'en-US': {
    transcript: 'Email me this transcript', transcriptEmail: 'Your email address', transcriptSend: 'Send', transcriptCancel: 'Cancel',
    transcriptSent: 'Sent to {email}.', transcriptBadEmail: 'Please type one email address, like name@example.com.',
    transcriptTooMany: 'This chat was mailed several times already. Please try again later.', transcriptFailed: 'The transcript could not be sent. Please try again in a minute.',
    open: 'Chat with us', close: 'Close chat', language: 'Language', menu: 'Chat options',
    unavailable: 'Chat is unavailable right now. Please try again in a minute.',
    newChat: 'Start a new conversation', endChat: 'End the chat', ended: 'You ended the chat. Start a new one any time.',
    team: 'Support team', assistant: 'Assistant', unread: '({count}) New message', unreadBadge: '{count} unread',
  },
  'th-TH': {
    transcript: 'ส่งบทสนทนานี้ทางอีเมล', transcriptEmail: 'อีเมลของคุณ', transcriptSend: 'ส่ง', transcriptCancel: 'ยกเลิก',
    transcriptSent: 'ส่งไปที่ {email} แล้ว', transcriptBadEmail: 'กรุณาพิมพ์อีเมลหนึ่งที่อยู่ เช่น name@example.com',
    transcriptTooMany: 'แชทนี้ถูกส่งทางอีเมลหลายครั้งแล้ว กรุณาลองใหม่ภายหลัง', transcriptFailed: 'ส่งบทสนทนาไม่สำเร็จ กรุณาลองใหม่ในอีกสักครู่',
    open: 'แชทกับเรา', close: 'ปิดแชท', language: 'ภาษา', menu: 'ตัวเลือกแชท',
    unavailable: 'ขณะนี้ยังใช้แชทไม่ได้ กรุณาลองใหม่อีกครั้งในอีกสักครู่',
    newChat: 'เริ่มแชทใหม่', endChat: 'จบการแชท', ended: 'คุณจบการแชทแล้ว เริ่มแชทใหม่ได้ทุกเมื่อค่ะ',
    team: 'ทีมบริการลูกค้า', assistant: 'ผู้ช่วย', unread: '({count}) ข้อความใหม่', unreadBadge: 'ยังไม่ได้อ่าน {count}',
  },
  'ru-RU': {
    transcript: 'Прислать переписку на почту', transcriptEmail: 'Ваш адрес почты', transcriptSend: 'Отправить', transcriptCancel: 'Отмена',
    transcriptSent: 'Отправлено на {email}.', transcriptBadEmail: 'Введите один адрес почты, например name@example.com.',
    transcriptTooMany: 'Эту переписку уже отправляли несколько раз. Попробуйте позже.', transcriptFailed: 'Не удалось отправить переписку. Попробуйте через минуту.',
    open: 'Написать нам', close: 'Закрыть чат', language: 'Язык', menu: 'Действия с чатом',
    unavailable: 'Чат сейчас недоступен. Попробуйте через минуту.',
    newChat: 'Начать новый разговор', endChat: 'Завершить чат', ended: 'Вы завершили чат. Новый можно начать в любой момент.',
    team: 'Служба поддержки', assistant: 'Помощник', unread: '({count}) Новое сообщение', unreadBadge: 'Непрочитанных: {count}',
  },
  'ar-SA': {
    transcript: 'أرسل لي نص المحادثة بالبريد', transcriptEmail: 'بريدك الإلكتروني', transcriptSend: 'إرسال', transcriptCancel: 'إلغاء',
    transcriptSent: 'أُرسلت إلى {email}.', transcriptBadEmail: 'يُرجى كتابة عنوان بريد واحد، مثل name@example.com.',
    transcriptTooMany: 'أُرسلت هذه المحادثة عدة مرات بالفعل. يُرجى المحاولة لاحقًا.', transcriptFailed: 'تعذّر إرسال نص المحادثة. يُرجى المحاولة بعد دقيقة.',
    open: 'تحدث معنا', close: 'إغلاق المحادثة', language: 'اللغة', menu: 'خيارات المحادثة',
    unavailable: 'الدردشة غير متاحة الآن. يُرجى المحاولة بعد دقيقة.',
    newChat: 'بدء محادثة جديدة', endChat: 'إنهاء المحادثة', ended: 'أنهيت المحادثة. يمكنك بدء محادثة جديدة في أي وقت.',
    team: 'فريق الدعم', assistant: 'المساعد', unread: '({count}) رسالة جديدة', unreadBadge: '{count} غير مقروءة',
  },
};

/** The widget's words for a locale Web Chat uses ("ar-SA"), English when it is not one of ours. */
export function wordsFor(locale) {
  return strings[locale] || strings['en-US'];
}

/** A string with its {name} placeholders filled. */
export function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}
