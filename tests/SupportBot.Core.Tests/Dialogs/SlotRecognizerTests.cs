using Microsoft.Extensions.Options;
using SupportBot.Dialogs;
using SupportBot.Orders;

namespace SupportBot.Tests.Dialogs;

public class SlotRecognizerTests
{
    private readonly SlotRecognizer _recognizer = new(new OrderNumbers(Options.Create(new OrderOptions())));

    [Theory]
    [InlineData("ORD-10001")]
    [InlineData("ord 10001")]
    [InlineData("Order no. 10001")]
    [InlineData("#10001")]
    [InlineData("10001")]
    [InlineData("  10001 ")]
    [InlineData("заказ 10001")]
    [InlineData("номер заказа: 10001")]
    [InlineData("ออเดอร์ 10001")]
    [InlineData("คำสั่งซื้อหมายเลข 10001")]
    [InlineData("طلبي رقم 10001")]
    public void AnOrderNumberIsReadInEveryLanguageWhenAskedFor(string answer) =>
        Assert.Equal("ORD-10001", _recognizer.Recognize(SlotType.OrderNumber, answer, answeringPrompt: true));

    [Theory]
    [InlineData("طلبي رقم ١٠٠٠١")]
    [InlineData("ออเดอร์ ๑๐๐๐๑")]
    public void AnOrderNumberInNativeDigitsIsReadAsTheSameOrder(string answer)
    {
        Assert.Equal("ORD-10001", _recognizer.Recognize(SlotType.OrderNumber, answer, answeringPrompt: true));
    }

    [Theory]
    [InlineData("my postcode is 10110")]
    [InlineData("10110")]
    [InlineData("I paid 12000 baht")]
    public void ABareNumberMentionedInPassingIsNotTakenForAnOrder(string text) =>
        Assert.Null(_recognizer.Recognize(SlotType.OrderNumber, text, answeringPrompt: false));

    [Theory]
    [InlineData("order ORD-10001 please")]
    [InlineData("where is my order #10001?")]
    [InlineData("где заказ 10001")]
    public void AMarkedOrderNumberIsTakenEvenInPassing(string text) =>
        Assert.Equal("ORD-10001", _recognizer.Recognize(SlotType.OrderNumber, text, answeringPrompt: false));

    [Theory]
    [InlineData("1000")]
    [InlineData("100011")]
    [InlineData("I don't know")]
    public void SomethingElseIsNotAnOrderNumber(string answer) =>
        Assert.Null(_recognizer.Recognize(SlotType.OrderNumber, answer, answeringPrompt: true));

    [Fact]
    public void AnAbsurdlyLongAnswerIsRefusedEvenWithAnOrderNumberInIt() =>
        Assert.Null(_recognizer.Recognize(SlotType.OrderNumber, "ORD-10001 " + new string('a', 2000), answeringPrompt: true));

    [Theory]
    [InlineData("<script>ORD-10001</script>")]
    [InlineData("ORD-10001<img src=x onerror=alert(1)>")]
    [InlineData("ORD-10001\u0007")]
    [InlineData("ORD-\u000010001")]
    [InlineData("ORD-10001\u001b[2J")]
    public void MarkupAndControlCharactersAreRefused(string answer) =>
        Assert.Null(_recognizer.Recognize(SlotType.OrderNumber, answer, answeringPrompt: true));

    [Theory]
    [InlineData("😀😀😀")]
    [InlineData("🙏")]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData(null)]
    public void EmptyAndEmojiOnlyAnswersAreRefused(string? answer)
    {
        Assert.Null(_recognizer.Recognize(SlotType.OrderNumber, answer, answeringPrompt: true));
        Assert.Null(_recognizer.Recognize(SlotType.Text, answer, answeringPrompt: true));
    }

    [Fact]
    public void AnOrderNumberFollowedByAnEmojiIsStillRead()
    {
        Assert.Equal("ORD-10001", _recognizer.Recognize(SlotType.OrderNumber, "ORD-10001 🙏", answeringPrompt: true));
    }

    [Fact]
    public void ALoneSurrogateIsRefused() =>
        Assert.Null(_recognizer.Recognize(SlotType.OrderNumber, "ORD-10001 \ud83d", answeringPrompt: true));

    [Theory]
    [InlineData("88/12 Sukhumvit Soi 24, Khlong Toei, Bangkok 10110, Thailand")]
    [InlineData("ул. Тверская, д. 18, кв. 42, Москва 125009")]
    [InlineData("شقة 1504، برج مارينا هايتس، دبي")]
    [InlineData("88/12   Sukhumvit\nSoi 24")]
    public void AnAddressIsAcceptedWhenAskedFor(string answer) =>
        Assert.NotNull(_recognizer.Recognize(SlotType.Address, answer, answeringPrompt: true));

    [Fact]
    public void AnAddressIsTidiedToOneLine() =>
        Assert.Equal("88/12 Sukhumvit Soi 24", _recognizer.Recognize(SlotType.Address, "  88/12   Sukhumvit\nSoi 24 ", answeringPrompt: true));

    [Theory]
    [InlineData("my house")]
    [InlineData("12345678")]
    [InlineData("https://maps.example/12 Main St")]
    [InlineData("12 Main St <b>")]
    public void SomethingThatIsNotAnAddressIsRefused(string answer) =>
        Assert.Null(_recognizer.Recognize(SlotType.Address, answer, answeringPrompt: true));

    [Fact]
    public void AnAddressMentionedInPassingIsNotTaken() =>
        Assert.Null(_recognizer.Recognize(SlotType.Address, "88/12 Sukhumvit Soi 24, Bangkok 10110", answeringPrompt: false));

    [Theory]
    [InlineData("ada@example.com", true, "ada@example.com")]
    [InlineData("my email is ada.lovelace+shop@example.co.th, thanks", true, "ada.lovelace+shop@example.co.th")]
    [InlineData("it's ada@example.com", false, "ada@example.com")]
    public void AnEmailIsTakenFromTheMessage(string text, bool answeringPrompt, string email) =>
        Assert.Equal(email, _recognizer.Recognize(SlotType.Email, text, answeringPrompt));

    [Theory]
    [InlineData("ada@example")]
    [InlineData("ada at example dot com")]
    [InlineData("@example.com")]
    public void SomethingThatIsNotAnEmailIsRefused(string answer) =>
        Assert.Null(_recognizer.Recognize(SlotType.Email, answer, answeringPrompt: true));
}
