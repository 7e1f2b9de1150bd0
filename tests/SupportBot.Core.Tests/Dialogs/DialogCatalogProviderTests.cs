using Microsoft.Extensions.Logging.Abstractions;
using SupportBot.Dialogs;

namespace SupportBot.Tests.Dialogs;

public sealed class DialogCatalogProviderTests : IDisposable
{
    private const string ReturnPolicy = "intents/return_policy.json";
    private const string ShippedText = "You can return items within 30 days of delivery";
    private const string EditedText = "You can return items within 60 days of delivery";
    private readonly DialogFolder _folder = new();

    [Fact]
    public void AValidEditIsServedAfterAReload()
    {
        using var provider = Provider(reloadOnChange: false);
        Assert.StartsWith(ShippedText, ReturnPolicyText(provider));

        _folder.Replace(ReturnPolicy, ShippedText, EditedText);

        Assert.True(provider.Reload());
        Assert.StartsWith(EditedText, ReturnPolicyText(provider));
    }

    [Fact]
    public void AnInvalidEditIsRefusedAndThePreviousDialogsKeepServing()
    {
        using var provider = Provider(reloadOnChange: false);
        var before = provider.Current;

        _folder.Replace(ReturnPolicy, ShippedText, EditedText);
        _folder.Replace("intents/warranty.json", "\"intent\": \"warranty\"", "\"intent\": \"warranty\",,");

        Assert.False(provider.Reload());
        Assert.Same(before, provider.Current);
        Assert.StartsWith(ShippedText, ReturnPolicyText(provider));
    }

    [Fact]
    public void TheFixedFolderLoadsOnTheNextReload()
    {
        using var provider = Provider(reloadOnChange: false);
        _folder.Replace(ReturnPolicy, ShippedText, EditedText);
        _folder.Replace("intents/warranty.json", "\"intent\": \"warranty\"", "\"intent\": \"warranty\",,");
        Assert.False(provider.Reload());

        _folder.Replace("intents/warranty.json", "\"intent\": \"warranty\",,", "\"intent\": \"warranty\"");

        Assert.True(provider.Reload());
        Assert.StartsWith(EditedText, ReturnPolicyText(provider));
    }

    [Fact]
    public void ABrokenFolderStopsTheStartNamingTheFile()
    {
        _folder.Replace("intents/warranty.json", "\"intent\": \"warranty\"", "\"intent\": \"warranty\",,");

        var error = Assert.Throws<DialogFileException>(() => Provider(reloadOnChange: false));

        Assert.Equal(_folder.File("intents/warranty.json"), error.File);
    }

    [Fact]
    public async Task WithReloadingOnAnEditedFileIsServedWithoutARestart()
    {
        using var provider = Provider(reloadOnChange: true);

        _folder.Replace(ReturnPolicy, ShippedText, EditedText);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!ReturnPolicyText(provider).StartsWith(EditedText, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.StartsWith(EditedText, ReturnPolicyText(provider));
    }

    [Fact]
    public async Task WithReloadingOnABrokenEditLeavesThePreviousDialogsServing()
    {
        using var provider = Provider(reloadOnChange: true);
        var before = provider.Current;

        _folder.Replace(ReturnPolicy, "\"intent\": \"return_policy\"", "\"intent\": \"return_policy\",,");
        await Task.Delay(TimeSpan.FromSeconds(1)); // past the watcher's settling delay

        Assert.Same(before, provider.Current);
        Assert.True(provider.Current.Dialogs.ContainsKey("return_policy"));
    }

    public void Dispose() => _folder.Dispose();

    private DialogCatalogProvider Provider(bool reloadOnChange) =>
        new(_folder.Path, DialogActions.Descriptors, reloadOnChange, NullLogger<DialogCatalogProvider>.Instance);

    private static string ReturnPolicyText(DialogCatalogProvider provider) =>
        ((SayStep)provider.Current.Find("return_policy")!.Steps[0]).Text["en"];
}
