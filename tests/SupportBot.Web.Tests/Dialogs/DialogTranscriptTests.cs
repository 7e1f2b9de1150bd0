using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SupportBot.Dialogs;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Dialogs;

/// <summary>
/// Every flow, in every language, as a customer lives it: the real server, the shipped intent model, the shipped
/// dialogs and the demo orders. Expected texts come from the dialog files, so the tests check which answer
/// comes when, and the concrete facts (order numbers, carriers, amounts) the customer must see.
/// </summary>
public sealed class DialogTranscriptTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public static TheoryData<string> Languages => ["en", "th", "ru", "ar"];

    private static readonly Dictionary<string, Phrases> Say = new()
    {
        ["en"] = new("en-US", "where is my order", "cancel my order", "I need to change my delivery address", "where's my refund",
            "what's your return policy", "forgot password", "what time are you open", "12 Sukhumvit Road, Bangkok 10110"),
        ["th"] = new("th-TH", "ของถึงไหนแล้วคะ", "ขอยกเลิกคำสั่งซื้อค่ะ", "เปลี่ยนที่อยู่จัดส่งได้มั้ยคะ", "เงินคืนเข้ายังคะ",
            "นโยบายคืนสินค้าเป็นยังไงคะ", "ลืมรหัสผ่านค่ะ", "ร้านเปิดกี่โมงคะ", "99/1 ถนนสุขุมวิท แขวงคลองเตย กรุงเทพฯ 10110"),
        ["ru"] = new("ru-RU", "где мой заказ", "хочу отменить заказ", "адрес указан старый, поменяйте на новый", "где мои деньги за возврат",
            "какие условия возврата", "не помню пароль", "до скольки вы работаете", "Москва, ул. Тверская, д. 7, кв. 12"),
        ["ar"] = new("ar-AE", "أين طلبي؟", "أرغب في إلغاء الطلب", "أريد تغيير عنوان التوصيل", "أين المبلغ المسترد؟",
            "ما هي سياسة الإرجاع لديكم؟", "نسيت كلمة المرور", "ما هي ساعات العمل؟", "دبي، شارع الشيخ زايد، برج 5، شقة 12"),
    };

    public async ValueTask InitializeAsync() => _app = await TestApp.StartAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private DialogCatalog Catalog => _app.Services.GetRequiredService<DialogCatalogProvider>().Current;

    private Task<CustomerChat> ChatAsync(string language) => CustomerChat.StartAsync(_app.Client, Say[language].Locale);

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task OrderStatusAsksForTheNumberRefusesGarbageAndAnswersWithTheOrder(string language)
    {
        var chat = await ChatAsync(language);
        var dialog = Catalog.Find("order_status")!;
        var ask = (AskStep)dialog.Steps[0];

        Assert.Equal([ask.Prompt[language]], await chat.SaysAsync(Say[language].OrderStatus));
        Assert.False(chat.ShowedTypingFirst, "a question needs no typing indicator");
        foreach (var garbage in new[] { "<script>alert('x')</script>", new string('7', 2000) }) // a third would end the flow
        {
            Assert.Equal([ask.Retry[language]], await chat.SaysAsync(garbage));
        }

        var answer = await chat.SaysAsync("ORD-10002");
        Assert.True(chat.ShowedTypingFirst, "the lookup is preceded by a typing indicator");
        Assert.Contains("ORD-10002", answer[0]);
        Assert.Contains("KEXBK0042718365", answer[0]);
        InLanguage(language, answer[0]);
        Assert.Equal(Catalog.Message("askHelped", language), answer[1]);
        Assert.Equal([Catalog.Message("yes", language), Catalog.Message("no", language)], chat.Buttons);

        Assert.Equal([Catalog.Message("helpedYes", language)], await chat.ClicksAsync(Catalog.Message("yes", language)));
        var feedback = Assert.Single(chat.Events(DialogValues.FeedbackEvent));
        Assert.Equal("order_status", feedback["value"]!["intent"]!.GetValue<string>());
        Assert.True(feedback["value"]!["helped"]!.GetValue<bool>());
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task CancellingAnOrderNeedsAConfirmationAndOnlyWorksBeforeItShips(string language)
    {
        var chat = await ChatAsync(language);
        var yes = Catalog.Message("yes", language);
        var no = Catalog.Message("no", language);

        await chat.SaysAsync(Say[language].CancelOrder);
        var question = Assert.Single(await chat.SaysAsync("ORD-10001"));
        Assert.Contains("ORD-10001", question);
        Assert.Equal([yes, no], chat.Buttons);

        var kept = Assert.Single(await chat.ClicksAsync(no));
        Assert.Contains("ORD-10001", kept);
        Assert.Equal("Processing", await StatusAsync("ORD-10001"));

        // The order number is remembered: asking again goes straight to the confirmation.
        Assert.Equal([question], await chat.SaysAsync(Say[language].CancelOrder));
        var done = await chat.ClicksAsync(yes);
        Assert.Contains("ORD-10001", done[0]);
        Assert.Equal("Cancelled", await StatusAsync("ORD-10001"));

        // A shipped order cannot be cancelled, and the bot does not ask for a confirmation it cannot honour.
        var refused = await chat.SaysAsync($"{Say[language].CancelOrder} ORD-10002");
        Assert.Contains("ORD-10002", refused[0]);
        Assert.DoesNotContain(chat.Last, a => a["suggestedActions"]?["actions"]?.AsArray().Any(b => b!["title"]!.GetValue<string>() == yes) == true && a["text"]!.GetValue<string>() != Catalog.Message("askHelped", language));
        Assert.Equal("Shipped", await StatusAsync("ORD-10002"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task TheShippingAddressChangesAfterTheCustomerConfirmsIt(string language)
    {
        var chat = await ChatAsync(language);
        var address = Say[language].NewAddress;

        Assert.Equal([((AskStep)Catalog.Find("change_address")!.Steps[0]).Prompt[language]], await chat.SaysAsync(Say[language].ChangeAddress));
        var askAddress = Assert.Single(await chat.SaysAsync("ORD-10006"));
        InLanguage(language, askAddress);
        Assert.NotEqual(askAddress, Assert.Single(await chat.SaysAsync("<b>my house</b>")));
        var confirm = Assert.Single(await chat.SaysAsync(address));
        Assert.Contains(address, confirm);
        var changed = await chat.ClicksAsync(Catalog.Message("yes", language));

        Assert.Contains(address, changed[0]);
        var order = await _app.Services.GetRequiredService<SupportBot.Orders.IOrderSource>().FindAsync("ORD-10006");
        Assert.Equal(address, order!.Address);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task RefundStatusTellsPendingAndPaidRefundsWithTheirAmounts(string language)
    {
        var chat = await ChatAsync(language);

        await chat.SaysAsync(Say[language].RefundStatus);
        var pending = await chat.SaysAsync("ORD-10004");
        Assert.Contains("89.00 USD", pending[0]);
        InLanguage(language, pending[0]);

        var paid = await chat.SaysAsync($"{Say[language].RefundStatus} ORD-10005");
        Assert.Contains("169.90 USD", paid[0]);
        Assert.NotEqual(pending[0], paid[0]);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task PolicyPasswordAndOpeningHoursQuestionsGetTheirAnswers(string language)
    {
        var chat = await ChatAsync(language);

        foreach (var (question, intent) in new[] { (Say[language].ReturnPolicy, "return_policy"), (Say[language].PasswordReset, "password_reset"), (Say[language].OpeningHours, "contact_hours") })
        {
            var answer = await chat.SaysAsync(question);
            Assert.Equal(((SayStep)Catalog.Find(intent)!.Steps[0]).Text[language], answer[0]);
            Assert.Equal(Catalog.Message("askHelped", language), answer[^1]);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task EveryShippedIntentHasAnAnswerInTheCustomersLanguage(string language)
    {
        var chat = await ChatAsync(language);
        var model = _app.Services.GetRequiredService<SupportBot.Intents.IIntentClassifier>() as SupportBot.Intents.IntentClassifier;

        foreach (var intent in model!.Current.Card.Labels.Where(l => l != SupportBot.Intents.IntentNames.OutOfScope))
        {
            var dialog = Catalog.Find(intent);
            Assert.True(dialog is not null, $"no dialog for the model's intent {intent}");
            await chat.SaysAsync("cancel"); // leave whatever the previous topic asked; a command word keeps the language
            var answer = await chat.ClicksTopicAsync(intent, dialog.Title[language]);
            Assert.NotEmpty(answer);
            InLanguage(language, answer[0]);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task AnotherQuestionMidFlowIsAnsweredThenTheFlowResumes(string language)
    {
        var chat = await ChatAsync(language);
        var ask = (AskStep)Catalog.Find("order_status")!.Steps[0];

        await chat.SaysAsync(Say[language].OrderStatus);
        var detour = await chat.SaysAsync(Say[language].OpeningHours);

        Assert.Equal(((SayStep)Catalog.Find("contact_hours")!.Steps[0]).Text[language], detour[0]);
        Assert.Equal(Catalog.Message("resume", language).Replace("{topic}", Catalog.Find("order_status")!.Title[language]), detour[1]);
        Assert.Equal(ask.Prompt[language], detour[2]);
        Assert.Contains("ORD-10003", (await chat.SaysAsync("ORD-10003"))[0]);
    }

    [Theory]
    [InlineData("en", "cancel", "help")]
    [InlineData("th", "ยกเลิก", "ช่วยด้วย")]
    [InlineData("ru", "отмена", "помощь")]
    [InlineData("ar", "إلغاء", "مساعدة")]
    public async Task CancelAndHelpWorkMidFlowInEveryLanguage(string language, string cancel, string help)
    {
        var chat = await ChatAsync(language);
        var ask = (AskStep)Catalog.Find("order_status")!.Steps[0];
        var topic = Catalog.Find("order_status")!.Title[language];

        await chat.SaysAsync(Say[language].OrderStatus);
        Assert.Equal([Catalog.Message("helpInFlow", language).Replace("{topic}", topic), ask.Prompt[language]], await chat.SaysAsync(help));
        Assert.Equal([Catalog.Message("cancelled", language).Replace("{topic}", topic)], await chat.SaysAsync(cancel));
        Assert.Equal([Catalog.Message("nothingToCancel", language)], await chat.SaysAsync(cancel));
    }

    [Fact]
    public async Task MessagesTheBotCannotPlaceAreCountedAndSaidPlainly()
    {
        var chat = await ChatAsync("en");

        // No letters at all: nothing the classifier can place (a sentence would be read as off-topic, below).
        Assert.Equal([Catalog.Message("notUnderstood", "en")], await chat.SaysAsync("?!?"));
        Assert.Equal(4, chat.Buttons.Count);
        await chat.SaysAsync("...???");

        var memory = await MemoryAsync(chat);
        Assert.Equal(2, memory!["misunderstandings"]!.GetValue<int>());
        await chat.SaysAsync(Say["en"].OpeningHours);
        Assert.Equal(0, (await MemoryAsync(chat))!["misunderstandings"]!.GetValue<int>());
    }

    [Fact]
    public async Task OffTopicMessagesGetAPlainRefusalWithTheTopicsAndAreNotCounted()
    {
        var chat = await ChatAsync("en");

        Assert.Equal([Catalog.Message("outOfScope", "en")], await chat.SaysAsync("purple elephants sing at dawn"));
        Assert.Contains(Catalog.Find("talk_to_human")!.Title["en"], chat.Buttons);
        Assert.Equal([Catalog.Message("outOfScope", "en")], await chat.SaysAsync("zxqv blorp"));

        Assert.Equal(0, (await MemoryAsync(chat))!["misunderstandings"]?.GetValue<int>() ?? 0);
    }

    private async Task<JsonNode?> MemoryAsync(CustomerChat chat)
    {
        var storage = _app.Services.GetRequiredService<SupportBot.State.IStorage>();
        var key = $"directline/conversations/{chat.Conversation.Id}";
        var items = await storage.ReadAsync([key]);
        return items[key][DialogEngine.MemoryProperty];
    }

    private async Task<string> StatusAsync(string number) =>
        (await _app.Services.GetRequiredService<SupportBot.Orders.IOrderSource>().FindAsync(number))!.Status.ToString();

    private static void InLanguage(string language, string text)
    {
        var script = language switch { "th" => @"\p{IsThai}", "ru" => @"\p{IsCyrillic}", "ar" => @"\p{IsArabic}", _ => @"^[^\p{IsThai}\p{IsCyrillic}\p{IsArabic}]*$" };
        Assert.True(Regex.IsMatch(text, script), $"expected {language}: {text}");
    }

    private sealed record Phrases(
        string Locale, string OrderStatus, string CancelOrder, string ChangeAddress, string RefundStatus,
        string ReturnPolicy, string PasswordReset, string OpeningHours, string NewAddress);
}
