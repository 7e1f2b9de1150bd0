using System.Text.Json.Nodes;
using SupportBot.Dialogs;
using SupportBot.Localization;

namespace SupportBot.Tests.Dialogs;

public sealed class DialogLoaderTests : IDisposable
{
    private const string OrderStatus = "intents/order_status.json";
    private const string Common = "common.json";
    private readonly DialogFolder _folder = new();

    [Fact]
    public void TheShippedDialogsLoadWithEveryIntentTitledInEveryLanguage()
    {
        var catalog = DialogLoader.Load(RepositoryPaths.Dialogs, DialogActions.Descriptors);

        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Dialogs, "intents"), "*.json").Select(Path.GetFileNameWithoutExtension);
        Assert.Equal(28, catalog.Dialogs.Count); // 27 intents and leave_message
        Assert.Equal(files.Order(), catalog.Dialogs.Keys.Order());
        Assert.All(catalog.Dialogs.Values, dialog =>
            Assert.All(Languages.All, language => Assert.False(string.IsNullOrWhiteSpace(dialog.Title.Texts.GetValueOrDefault(language)), $"{dialog.Intent} has no {language} title")));
    }

    [Fact]
    public void BrokenJsonIsRefusedNamingTheFileAndLine()
    {
        _folder.Replace(OrderStatus, "\"intent\": \"order_status\",", "\"intent\": \"order_status\",,");

        _folder.AssertRefused(OrderStatus, "\"intent\"", "not valid JSON");
    }

    [Fact]
    public void AMissingTranslationIsRefusedNamingTheFileAndLine()
    {
        _folder.Replace(OrderStatus, ", \"ar\": \"أين طلبي؟\" }", " }");

        _folder.AssertRefused(OrderStatus, "\"title\"", "no \"ar\" translation");
    }

    [Fact]
    public void APlaceholderUsedInThaiButNotInEnglishIsRefusedOnTheThaiLine()
    {
        _folder.Replace(OrderStatus, "กำลังเตรียมจัดส่งค่ะ", "กำลังเตรียมจัดส่งค่ะ ยอด {order.total}");

        _folder.AssertRefused(OrderStatus, "กำลังเตรียมจัดส่งค่ะ", "\"th\" text uses");
    }

    [Fact]
    public void APlaceholderNotKnownAtThatStepIsRefused()
    {
        // notFound reports no values: there is no order to take an arrival date from.
        _folder.Replace(OrderStatus, "\"en\": \"I couldn't find order {orderNumber}.", "\"en\": \"I couldn't find order {orderNumber}, due {order.eta}.");

        _folder.AssertRefused(OrderStatus, "due {order.eta}", "{order.eta}");
    }

    [Fact]
    public void ACallThatDoesNotHandleAnOutcomeIsRefused()
    {
        _folder.Edit(OrderStatus, root => On(root).Remove("notFound"));

        _folder.AssertRefused(OrderStatus, "\"on\":", "\"notFound\"");
    }

    [Fact]
    public void AnOutcomeTheActionDoesNotReportIsRefused()
    {
        _folder.Edit(OrderStatus, root => On(root)["lost"] = On(root)["cancelled"]!.DeepClone());

        _folder.AssertRefused(OrderStatus, "\"lost\":", "no outcome \"lost\"");
    }

    [Fact]
    public void AnUnknownActionIsRefused()
    {
        _folder.Replace(OrderStatus, "\"call\": \"orders.lookup\"", "\"call\": \"orders.find\"");

        _folder.AssertRefused(OrderStatus, "orders.find", "no action \"orders.find\"");
    }

    [Theory]
    [InlineData("postcode")]
    [InlineData("7")]
    public void AnAskWithAnUnknownSlotTypeIsRefused(string type)
    {
        _folder.Replace(OrderStatus, "\"ask\": \"orderNumber\",", $"\"ask\": \"orderNumber\", \"type\": \"{type}\",");

        _folder.AssertRefused(OrderStatus, "\"ask\": \"orderNumber\"", "not a slot type");
    }

    [Fact]
    public void SuggestingAnIntentWithNoDialogIsRefused()
    {
        _folder.Replace("intents/return_policy.json", "\"suggest\": [\"return_request\", \"refund_status\"]", "\"suggest\": [\"return_request\",\n      \"refund_state\"]");

        _folder.AssertRefused("intents/return_policy.json", "\"refund_state\"", "no dialog for it");
    }

    [Fact]
    public void AFileNamedDifferentlyFromItsIntentIsRefused()
    {
        _folder.Move(OrderStatus, "intents/where_is_my_order.json");

        _folder.AssertRefused("intents/where_is_my_order.json", "\"intent\"", "must be named order_status.json");
    }

    [Fact]
    public void ARequiredMessageMissingFromCommonIsRefused()
    {
        _folder.Edit(Common, root => root["messages"]!.AsObject().Remove("gaveUp"));

        _folder.AssertRefused(Common, "\"messages\":", "\"gaveUp\" is required");
    }

    [Fact]
    public void AMissingWordListIsRefused()
    {
        _folder.Edit(Common, root => root["words"]!.AsObject().Remove("help"));

        _folder.AssertRefused(Common, "\"words\":", "word list \"help\"");
    }

    [Fact]
    public void AWordListWithoutALanguageIsRefused()
    {
        _folder.Edit(Common, root => root["words"]!["cancel"]!.AsObject().Remove("ru"));

        _folder.AssertRefused(Common, "\"cancel\": {", "no \"ru\" words");
    }

    [Fact]
    public void AFileSavedWithAByteOrderMarkLoads()
    {
        var path = _folder.File(OrderStatus);
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(path)]);

        var catalog = DialogLoader.Load(_folder.Path, DialogActions.Descriptors);

        Assert.Equal("Where is my order?", catalog.Find("order_status")!.Title["en"]);
    }

    [Fact]
    public void LinesAreRightInAFileWithWindowsLineEndings()
    {
        var path = _folder.File(OrderStatus);
        File.WriteAllText(path, File.ReadAllText(path).ReplaceLineEndings("\r\n"));
        _folder.Replace(OrderStatus, "\"call\": \"orders.lookup\"", "\"call\": \"orders.find\"");

        _folder.AssertRefused(OrderStatus, "orders.find", "no action");
    }

    public void Dispose() => _folder.Dispose();

    private static JsonObject On(JsonObject root) => root["steps"]![1]!["on"]!.AsObject();
}
