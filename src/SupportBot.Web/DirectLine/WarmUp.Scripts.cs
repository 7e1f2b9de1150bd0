namespace SupportBot.Web.DirectLine;

public sealed partial class WarmUp
{
    // Short chats of the kinds customers have (a question answered, an order looked up over two turns, thanks and
    // goodbye), in each language the bot serves; none asks for a person, so no hand-off is queued.
    private static readonly (string Locale, string[] Messages)[] Scripts =
    [
        ("en-US", ["hello", "what can you do?", "where is my order", "ORD-10007", "how long does shipping take", "thanks, bye"]),
        ("th-TH", ["สวัสดีครับ", "ทำอะไรได้บ้าง", "พัสดุของฉันอยู่ที่ไหน", "ORD-10007", "ส่งของกี่วัน", "ขอบคุณครับ"]),
        ("ru-RU", ["здравствуйте", "что вы умеете?", "где мой заказ", "ORD-10007", "сколько идёт доставка", "спасибо, до свидания"]),
        ("ar-SA", ["مرحبا", "ماذا يمكنك أن تفعل؟", "أين طلبي", "ORD-10007", "كم يستغرق الشحن", "شكرا، مع السلامة"]),
    ];
}
