using Microsoft.Extensions.Options;
using SupportBot.Orders;
using SupportBot.Retraining;

namespace SupportBot.Tests.Retraining;

public class PiiRedactorTests
{
    private readonly PiiRedactor _redactor = new(Options.Create(new OrderOptions()));

    [Theory]
    [InlineData("my email is john.doe+shop@example.com, thanks", "my email is [EMAIL], thanks")]
    [InlineData("write to order10001@shop.example.com please", "write to [EMAIL] please")]
    [InlineData("ส่งใบเสร็จไปที่ somchai@mail.com ได้ไหมคะ", "ส่งใบเสร็จไปที่ [EMAIL] ได้ไหมคะ")]
    [InlineData("อีเมลของฉันคือsomchai.k@example.co.thค่ะ", "อีเมลของฉันคือ[EMAIL]ค่ะ")]
    [InlineData("Пишите на ivan.petrov@mail.ru, пожалуйста", "Пишите на [EMAIL], пожалуйста")]
    [InlineData("мой адрес иван@почта.рф", "мой адрес [EMAIL]")]
    [InlineData("بريدي الإلكتروني ahmed.ali@example.ae شكرا", "بريدي الإلكتروني [EMAIL] شكرا")]
    [InlineData("راسلني على:ahmed_99@example.com.", "راسلني على:[EMAIL].")]
    public void AnEmailIsRedactedInEveryLanguage(string text, string expected) =>
        Assert.Equal(expected, _redactor.Redact(text));

    [Theory]
    [InlineData("my card is 4111 1111 1111 1111, exp 12/27", "my card is [CARD], exp 12/27")]
    [InlineData("charge 5500-0000-0000-0004 please", "charge [CARD] please")]
    [InlineData("card 4111 1111 1111 1111 123 is the cvv", "card [CARD] 123 is the cvv")]
    [InlineData("บัตรหมายเลข378282246310005ค่ะ", "บัตรหมายเลข[CARD]ค่ะ")]
    [InlineData("เลขบัตร ๔๑๑๑ ๑๑๑๑ ๑๑๑๑ ๑๑๑๑ ค่ะ", "เลขบัตร [CARD] ค่ะ")]
    [InlineData("Номер карты 5555 5555 5555 4444, срок 11/28", "Номер карты [CARD], срок 11/28")]
    [InlineData("Амекс 3782 822463 10005", "Амекс [CARD]")]
    [InlineData("رقم بطاقتي ٤١١١١١١١١١١١١١١١ من فضلك", "رقم بطاقتي [CARD] من فضلك")]
    [InlineData("بطاقتي ۵۵۰۰-۰۰۰۰-۰۰۰۰-۰۰۰۴", "بطاقتي [CARD]")]
    public void ACardNumberPassingLuhnIsRedactedInEveryScript(string text, string expected) =>
        Assert.Equal(expected, _redactor.Redact(text));

    [Theory]
    [InlineData("where is order 10001?", "where is order [ORDER]?")]
    [InlineData("ORD-10001 hasn't arrived", "ORD-[ORDER] hasn't arrived")]
    [InlineData("orders #10002 and #10003", "orders #[ORDER] and #[ORDER]")]
    [InlineData("ออเดอร์10001ยังไม่มาค่ะ", "ออเดอร์[ORDER]ยังไม่มาค่ะ")]
    [InlineData("คำสั่งซื้อหมายเลข ๑๐๐๐๑ อยู่ไหน", "คำสั่งซื้อหมายเลข [ORDER] อยู่ไหน")]
    [InlineData("Где мой заказ № 10001?", "Где мой заказ № [ORDER]?")]
    [InlineData("номер заказа: 10001", "номер заказа: [ORDER]")]
    [InlineData("طلبي رقم ١٠٠٠١ لم يصل", "طلبي رقم [ORDER] لم يصل")]
    [InlineData("10001", "[ORDER]")]
    public void AnOrderNumberIsRedactedButItsPrefixWordsStay(string text, string expected) =>
        Assert.Equal(expected, _redactor.Redact(text));

    [Fact]
    public void APostcodeIsRedactedAsAnOrderWhileThePatternClaimsBareNumbers() =>
        Assert.Equal("my postcode is [ORDER]", _redactor.Redact("my postcode is 10110"));

    [Fact]
    public void APostcodeIsKeptWhenThePatternOnlyClaimsMarkedNumbers()
    {
        var redactor = new PiiRedactor(Options.Create(new OrderOptions
        {
            NumberPattern = @"(?<prefix>(?:order|заказ)\s*#?\s*)(?<digits>\d{5})(?!\p{N})",
        }));

        Assert.Equal("send it to 10110, order [ORDER]", redactor.Redact("send it to 10110, order 10001"));
    }

    [Theory]
    [InlineData("call me on +1 (555) 123-4567 after 6pm", "call me on [PHONE] after 6pm")]
    [InlineData("my number is 081-234-5678.", "my number is [PHONE].")]
    [InlineData("call 01632 960001 or 0812345678 0898765432", "call [PHONE] or [PHONE] [PHONE]")]
    [InlineData("ติดต่อ +66 2 555 0100 ค่ะ", "ติดต่อ [PHONE] ค่ะ")]
    [InlineData("เบอร์โทร ๐๘๑-๒๓๔-๕๖๗๘ ค่ะ", "เบอร์โทร [PHONE] ค่ะ")]
    [InlineData("โทรกลับที่0812345678ได้เลยค่ะ", "โทรกลับที่[PHONE]ได้เลยค่ะ")]
    [InlineData("Перезвоните мне: 8 (912) 345-67-89", "Перезвоните мне: [PHONE]")]
    [InlineData("мой телефон +7 912 345 67 89, спасибо", "мой телефон [PHONE], спасибо")]
    [InlineData("رقم هاتفي ٠٥٠١٢٣٤٥٦٧ من فضلك اتصل", "رقم هاتفي [PHONE] من فضلك اتصل")]
    [InlineData("اتصل بي على +971 50 123 4567", "اتصل بي على [PHONE]")]
    public void APhoneNumberIsRedactedInEveryScript(string text, string expected) =>
        Assert.Equal(expected, _redactor.Redact(text));

    [Theory]
    [InlineData("my card 4111 1111 1111 1112 was declined")]
    [InlineData("reference 4111111111111112")]
    [InlineData("delivered on 2026-11-22 at 10:30")]
    [InlineData("I'd like 2 items in size 42 for 59.90 USD")]
    [InlineData("ส่งวันที่ 22/11/2026 ราคา 1,299.00 บาท")]
    [InlineData("Доставка 22.11.2026 25 шт по 1,299.00 руб")]
    [InlineData("السعر 59.90 USD لـ 3 قطع يوم 22/11/2026 الساعة 10:30")]
    public void NumbersThatAreNotPersonalAreKept(string text) =>
        Assert.Equal(text, _redactor.Redact(text));

    [Theory]
    [InlineData("since 2026-11-22 0812345678", "since 2026-11-22 [PHONE]")]
    [InlineData("звонок 22.11.2026 10:30 +7 912 345 67 89", "звонок 22.11.2026 10:30 [PHONE]")]
    [InlineData("at 10:30 0812345678", "at 10:30 [PHONE]")]
    public void APhoneRightAfterADateOrTimeIsRedactedAndTheDateKept(string text, string expected) =>
        Assert.Equal(expected, _redactor.Redact(text));

    [Fact]
    public void ABareOrderNumberInsideAPhoneNumberIsRedactedAsThePhone() =>
        Assert.Equal(["[PHONE]"], _redactor.Kinds("01632 960001"));

    [Fact]
    public void ALongListOfNumbersIsHandledInLinearTime()
    {
        var text = string.Concat(Enumerable.Repeat("12 34 56 78 90 ", 5_000)) + "1 2 3";

        // The tail "1 2 3" cannot end a phone, so no split of the whole run works; each start is tried once only.
        Assert.Equal(text, _redactor.Redact(text));
    }

    [Fact]
    public void AQuantityAfterAPhoneIsKept() =>
        Assert.Equal("call [PHONE] 2 items", _redactor.Redact("call 0812345678 2 items"));

    [Theory]
    [InlineData(
        "I'm john@example.com, card 4111 1111 1111 1111, order #10001, call +66 2 555 0100 before 2026-11-22 about 2 items at 59.90 USD",
        "I'm [EMAIL], card [CARD], order #[ORDER], call [PHONE] before 2026-11-22 about 2 items at 59.90 USD")]
    [InlineData(
        "อีเมล somchai@example.co.th บัตร 5500-0000-0000-0004 ออเดอร์ 10001 โทร 081-234-5678 สั่ง 2 ชิ้น ราคา 1,299.00 บาท",
        "อีเมล [EMAIL] บัตร [CARD] ออเดอร์ [ORDER] โทร [PHONE] สั่ง 2 ชิ้น ราคา 1,299.00 บาท")]
    [InlineData(
        "Почта ivan@mail.ru, карта 378282246310005, заказ 10001, телефон +7 912 345 67 89, доставка 22.11.2026",
        "Почта [EMAIL], карта [CARD], заказ [ORDER], телефон [PHONE], доставка 22.11.2026")]
    [InlineData(
        "بريدي ahmed@example.ae وبطاقتي ٤١١١ ١١١١ ١١١١ ١١١١ وطلبي رقم ١٠٠٠١ وهاتفي +971 50 123 4567 بتاريخ 22/11/2026",
        "بريدي [EMAIL] وبطاقتي [CARD] وطلبي رقم [ORDER] وهاتفي [PHONE] بتاريخ 22/11/2026")]
    public void ASentenceWithEveryKindHasEachRedacted(string text, string expected) =>
        Assert.Equal(expected, _redactor.Redact(text));

    [Fact]
    public void KindsNamesEachRedactionForTheReport() =>
        Assert.Equal(
            [PiiRedactor.Email, PiiRedactor.Card, PiiRedactor.Order, PiiRedactor.Order, PiiRedactor.Phone],
            _redactor.Kinds("a@b.com 4111111111111111 #10001 #10002 0812345678"));

    [Fact]
    public void AHashedIdIsTheStartOfTheHmacSha256OfTheIdKeyedWithTheSalt() =>
        Assert.Equal("ed97523b8d7dc21c", PiiRedactor.HashId("conversation-42", "export-salt"));

    [Fact]
    public void AHashedIdIsStableShortHex()
    {
        var hash = PiiRedactor.HashId("conversation-42", "export-salt");

        Assert.Equal(hash, PiiRedactor.HashId("conversation-42", "export-salt"));
        Assert.Matches("^[0-9a-f]{16}$", hash);
        Assert.NotEqual(hash, PiiRedactor.HashId("conversation-43", "export-salt"));
    }

    [Fact]
    public void AHashedIdDependsOnTheSalt() =>
        Assert.NotEqual(PiiRedactor.HashId("conversation-42", "one salt"), PiiRedactor.HashId("conversation-42", "another salt"));

    [Fact]
    public void AnIdIsNeverHashedWithoutASalt() =>
        Assert.Throws<ArgumentException>(() => PiiRedactor.HashId("conversation-42", ""));
}
