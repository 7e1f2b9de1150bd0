using SupportBot.Dialogs;

namespace SupportBot.Tests.Dialogs;

/// <summary>Files whose shape dialogs/schema refuses: each is refused at load with its file, line and a clear reason.</summary>
public sealed class DialogFileShapeTests : IDisposable
{
    private const string OrderStatus = "intents/order_status.json";
    private const string Greeting = "intents/greeting.json";
    private readonly DialogFolder _folder = new();

    [Fact]
    public void AStepWithAnUnknownPropertyIsRefusedOnThatPropertysLine()
    {
        _folder.Replace(OrderStatus, "\"ask\": \"orderNumber\",", "\"ask\": \"orderNumber\",\n      \"colour\": \"red\",");

        _folder.AssertRefused(OrderStatus, "\"colour\"", "unknown property \"colour\" (expected ask, type, prompt, retry)");
    }

    [Fact]
    public void AStepWithTwoKindsIsRefusedSayingItMayHaveOnlyOne()
    {
        _folder.Replace(Greeting, "{ \"say\": {", "{ \"ask\": \"email\", \"say\": {");

        _folder.AssertRefused(Greeting, "\"ask\": \"email\"", "must have exactly one of \"say\", \"ask\", \"confirm\" or \"call\"");
    }

    [Fact]
    public void ASayStepSuggestingMoreThanSixTopicsIsRefused()
    {
        _folder.Replace(Greeting, "\"shipping_options\"]", "\"shipping_options\", \"thanks\", \"goodbye\", \"invoice\"]");

        _folder.AssertRefused(Greeting, "\"suggest\"", "\"suggest\" may have at most 6 entries");
    }

    [Fact]
    public void ATranslationOfOnlySpacesIsRefusedOnItsLine()
    {
        _folder.Replace(OrderStatus, "\"ar\": \"أين طلبي؟\"", "\"ar\": \"   \"");

        _folder.AssertRefused(OrderStatus, "\"   \"", "\"ar\" must be a text, not empty and not only spaces");
    }

    [Fact]
    public void ALinkToAnotherHostWithoutASchemeIsRefused()
    {
        _folder.Replace("intents/contact_hours.json", "\"https://acme.example/contact\"", "\"//acme.example/contact\"");

        _folder.AssertRefused("intents/contact_hours.json", "//acme.example/contact", "\"url\" must be https://... or a path on this site");
    }

    [Fact]
    public void FeedbackThatIsNotTrueOrFalseIsRefused()
    {
        _folder.Replace(Greeting, "\"feedback\": false,", "\"feedback\": \"no\",");

        _folder.AssertRefused(Greeting, "\"feedback\"", "\"feedback\" must be true or false");
    }

    public void Dispose() => _folder.Dispose();
}
