using Microsoft.Extensions.Time.Testing;
using SupportBot.Attachments;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.DirectLine;

/// <summary>
/// An uploaded file is served to its conversation's token or to the signed, expiring link its contentUrl is; a
/// bare or altered URL gets nothing.
/// </summary>
public class AttachmentAccessTests
{
    private static async Task<(Conversation Conversation, string ContentUrl)> UploadAsync(TestApp app)
    {
        var conversation = await app.Client.StartAsync();
        var id = (await ReadObjectAsync(await app.Client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation.Id}/upload",
            conversation.Token, UploadTests.Upload(UploadTests.Png, "image/png"))))["id"]!.GetValue<string>();
        var echo = (await app.Client.GetActivitiesAsync(conversation)).Activities.Single(a => a["id"]!.GetValue<string>() == id);
        return (conversation, echo["attachments"]![0]!["contentUrl"]!.GetValue<string>());
    }

    private static string WithoutQuery(string url) => url.Split('?')[0];

    private static Task<HttpResponseMessage> GetAsync(TestApp app, string url, string? token = null) => app.Client.SendAsync(HttpMethod.Get, url, token);

    [Fact]
    public async Task TheSignedContentUrlServesTheFileWithoutAToken()
    {
        await using var app = await TestApp.StartAsync();
        var (_, contentUrl) = await UploadAsync(app);

        var served = await GetAsync(app, contentUrl);

        Assert.Equal(UploadTests.Png, await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnAttachmentUrlWithoutItsSignatureOrATokenIsUnauthorized()
    {
        await using var app = await TestApp.StartAsync();
        var (_, contentUrl) = await UploadAsync(app);

        await AssertErrorAsync(await GetAsync(app, WithoutQuery(contentUrl)), 401, "Unauthorized");
    }

    [Fact]
    public async Task TheConversationsTokenReadsItsAttachmentAndAnotherConversationsTokenDoesNot()
    {
        await using var app = await TestApp.StartAsync();
        var (conversation, contentUrl) = await UploadAsync(app);
        var other = await app.Client.StartAsync();

        var own = await GetAsync(app, WithoutQuery(contentUrl), conversation.Token);
        var foreign = await GetAsync(app, WithoutQuery(contentUrl), other.Token);

        Assert.Equal(UploadTests.Png, await own.Content.ReadAsByteArrayAsync());
        await AssertErrorAsync(foreign, 403, "Forbidden");
    }

    [Fact]
    public async Task AnAlteredLinkIsForbidden()
    {
        await using var app = await TestApp.StartAsync();
        var (_, contentUrl) = await UploadAsync(app);
        var uri = new Uri(contentUrl);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var expires = long.Parse(query["e"]!, System.Globalization.CultureInfo.InvariantCulture);
        var signature = query["s"]!;
        var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        var longer = await GetAsync(app, $"{WithoutQuery(contentUrl)}?e={expires + 86400}&s={signature}");
        var forged = await GetAsync(app, $"{WithoutQuery(contentUrl)}?e={expires}&s={flipped}");
        var unsigned = await GetAsync(app, $"{WithoutQuery(contentUrl)}?e={expires}");

        await AssertErrorAsync(longer, 403, "Forbidden");
        await AssertErrorAsync(forged, 403, "Forbidden");
        await AssertErrorAsync(unsigned, 403, "Forbidden");
    }

    [Fact]
    public async Task ALinkStopsWorkingWhenItExpires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?> { ["Conversations:Ttl"] = "1.00:00:00" },
            s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IAttachmentStore>(new CountingAttachmentStore()));
        var (_, contentUrl) = await UploadAsync(app);

        clock.Advance(TimeSpan.FromHours(23));
        var before = await GetAsync(app, contentUrl);
        clock.Advance(TimeSpan.FromHours(2));
        var after = await GetAsync(app, contentUrl);

        Assert.True(before.IsSuccessStatusCode, $"{(int)before.StatusCode}");
        await AssertErrorAsync(after, 403, "LinkExpired");
    }

    [Fact]
    public async Task ALinkSignedByAnotherKeyIsForbidden()
    {
        await using var signer = await TestApp.StartAsync(new Dictionary<string, string?> { ["DirectLine:AttachmentUrlKey"] = new string('k', 32) });
        var (_, contentUrl) = await UploadAsync(signer);
        var store = signer.Services.GetRequiredService<IAttachmentStore>();
        await using var other = await TestApp.StartAsync(
            new Dictionary<string, string?> { ["DirectLine:AttachmentUrlKey"] = new string('x', 32) }, s => s.AddSingleton(store));

        var elsewhere = await GetAsync(other, contentUrl.Replace(signer.BaseUrl, other.BaseUrl, StringComparison.Ordinal));

        await AssertErrorAsync(elsewhere, 403, "Forbidden");
    }
}
