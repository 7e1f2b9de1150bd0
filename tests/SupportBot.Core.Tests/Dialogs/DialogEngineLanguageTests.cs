using SupportBot.Dialogs;
using SupportBot.Localization;

namespace SupportBot.Tests.Dialogs;

/// <summary>Which language the bot answers in: the widget's locale, the language the customer writes, or the one they picked.</summary>
public sealed class DialogEngineLanguageTests : IDisposable
{
    private const string OrderStatus = "order_status";
    private const string ThaiQuestion = "คำสั่งซื้อของฉันอยู่ที่ไหน";
    private readonly BotConversation _bot = new();

    public DialogEngineLanguageTests()
    {
        _bot.Understands(ThaiQuestion, OrderStatus, "th");
        _bot.Understands("where is my order?", OrderStatus, "en");
        _bot.Understands("ok", "thanks", "en", 0.3f);
        _bot.Understands("ORD-10001", "out_of_scope", "en", 0.5f);
    }

    [Theory]
    [InlineData("th-TH", "th")]
    [InlineData("ru-RU", "ru")]
    [InlineData("ar-SA", "ar")]
    [InlineData("fr-FR", "en")]
    public async Task TheFirstAnswerIsInTheLanguageOfTheWidgetsLocale(string locale, string language)
    {
        _bot.Locale = locale;

        var replies = await _bot.SayAsync("???");

        Assert.Equal([_bot.Message(MessageKeys.NotUnderstood, language)], replies.Texts);
    }

    [Fact]
    public async Task AThaiMessageInAnEnglishConversationIsAnsweredInThai()
    {
        await _bot.SayAsync("hello there");

        var replies = await _bot.SayAsync(ThaiQuestion);

        Assert.Equal([_bot.Prompt(OrderStatus, "orderNumber", "th")], replies.Texts);
        Assert.Equal("th", (await _bot.MemoryAsync()).Language);
    }

    [Fact]
    public async Task AnOrderNumberOrOkDoesNotSwitchAThaiConversationToEnglish()
    {
        _bot.Locale = "th-TH";
        await _bot.SayAsync(ThaiQuestion);

        var answered = await _bot.SayAsync("ORD-10001");
        var thanked = await _bot.SayAsync("ok");

        Assert.StartsWith("คำสั่งซื้อ ORD-10001 (หูฟังไร้สาย, เคสโทรศัพท์ซิลิโคน)", answered.Texts[0]);
        Assert.Equal(_bot.Message(MessageKeys.AskHelped, "th"), answered.LastText);
        Assert.Equal([_bot.Message(MessageKeys.HelpedYes, "th")], thanked.Texts);
    }

    [Fact]
    public async Task AnEnglishSentenceInAThaiConversationSwitchesToEnglish()
    {
        _bot.Locale = "th-TH";
        await _bot.SayAsync("สวัสดี");

        var replies = await _bot.SayAsync("where is my order?");

        Assert.Equal([_bot.Prompt(OrderStatus, "orderNumber", "en")], replies.Texts);
    }

    [Fact]
    public async Task ALanguagePickedInTheWidgetIsNoLongerOverriddenByWhatTheCustomerWrites()
    {
        await _bot.SayAsync("hello there");
        _bot.Locale = "ru-RU";
        await _bot.SayAsync("???");

        var replies = await _bot.SayAsync("where is my order?");
        var thai = await _bot.SayAsync(ThaiQuestion);

        Assert.Equal([_bot.Prompt(OrderStatus, "orderNumber", "ru")], replies.Texts);
        Assert.Equal([_bot.Prompt(OrderStatus, "orderNumber", "ru")], thai.Texts); // the same question again, answered in Russian
        Assert.True((await _bot.MemoryAsync()).LanguageChosen);
    }

    [Fact]
    public async Task RepliesCarryTheLocaleOfTheConversation()
    {
        _bot.Locale = "ar-SA";

        var replies = await _bot.SayAsync("???");

        Assert.All(replies.Messages, m => Assert.Equal("ar", Languages.FromLocale(m.Locale)));
    }

    [Fact]
    public async Task DatesInAnAnswerAreWrittenForTheLanguage()
    {
        _bot.Locale = "ru-RU";
        _bot.Understands("где мой заказ ORD-10001?", OrderStatus, "ru");

        var replies = await _bot.SayAsync("где мой заказ ORD-10001?");

        Assert.Contains("26 ноября 2026", replies.Texts[0]);
        Assert.Contains("Беспроводные наушники", replies.Texts[0]);
    }

    [Fact]
    public async Task ThaiDatesUseTheBuddhistEraYear()
    {
        _bot.Locale = "th-TH";
        _bot.Understands("ORD-10001 อยู่ไหน", OrderStatus, "th");

        var replies = await _bot.SayAsync("ORD-10001 อยู่ไหน");

        Assert.Contains("2569", replies.Texts[0]);
        Assert.DoesNotContain("2026", replies.Texts[0]);
    }

    public void Dispose() => _bot.Dispose();
}
