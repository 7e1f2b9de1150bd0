using System.Net.Http.Headers;
using SupportBot.Attachments;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.DirectLine;

/// <summary>
/// The URLs the server hands out (streamUrl, attachment contentUrls) come from DirectLine:PublicBaseUrl or from a
/// Host in DirectLine:AllowedHosts, never from whatever Host header a caller sends.
/// </summary>
public class TrustedHostTests
{
    private static Task<HttpResponseMessage> SendAsync(TestApp app, HttpMethod method, string path, string host, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Host = host;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return app.Client.Http.SendAsync(request);
    }

    private static async Task<string> TokenAsync(TestApp app, string host = "localhost") =>
        (await ReadObjectAsync(await SendAsync(app, HttpMethod.Post, "/v3/directline/tokens/generate", host, TestApp.Secret)))["token"]!.GetValue<string>();

    [Fact]
    public async Task AnUploadUnderAnUnknownHostIsRefusedAndStoresNothing()
    {
        var saves = new CountingAttachmentStore();
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<IAttachmentStore>(saves));
        var conversation = await app.Client.StartAsync();
        var before = await app.Client.GetActivitiesAsync(conversation);

        var response = await SendAsync(app, HttpMethod.Post, $"/v3/directline/conversations/{conversation.Id}/upload", "evil.example", conversation.Token,
            UploadTests.Upload(UploadTests.Png, "image/png"));

        await AssertErrorAsync(response, 400, "BadHost");
        Assert.Equal(0, saves.Count);
        Assert.Equal(before.Watermark, (await app.Client.GetActivitiesAsync(conversation)).Watermark);
    }

    [Fact]
    public async Task StartingAConversationUnderAnUnknownHostIsRefused()
    {
        await using var app = await TestApp.StartAsync();
        var token = await TokenAsync(app);

        var response = await SendAsync(app, HttpMethod.Post, "/v3/directline/conversations", "evil.example", token);

        await AssertErrorAsync(response, 400, "BadHost");
    }

    [Fact]
    public async Task AWidgetSessionUnderAnUnknownHostIsRefused()
    {
        await using var app = await TestApp.StartAsync();

        await AssertErrorAsync(await SendAsync(app, HttpMethod.Post, "/widget/session", "evil.example:443", null), 400, "BadHost");
    }

    [Fact]
    public async Task LocalHostNamesAreTrustedByDefaultWithAnyPort()
    {
        await using var app = await TestApp.StartAsync();

        foreach (var host in new[] { "localhost:8080", "127.0.0.1:5000", "[::1]:1234", "LOCALHOST" })
        {
            var started = await ReadObjectAsync(await SendAsync(app, HttpMethod.Post, "/v3/directline/conversations", host, await TokenAsync(app)));
            Assert.StartsWith($"ws://{host}/v3/directline/conversations/", started["streamUrl"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task AConfiguredListOfHostsReplacesTheLocalOnes()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["DirectLine:AllowedHosts:0"] = "*.shop.example" });
        var token = await TokenAsync(app, "chat.shop.example:8443");

        var started = await ReadObjectAsync(await SendAsync(app, HttpMethod.Post, "/v3/directline/conversations", "chat.shop.example:8443", token));
        var local = await SendAsync(app, HttpMethod.Post, "/v3/directline/conversations", "localhost", await TokenAsync(app, "chat.shop.example"));

        Assert.StartsWith("ws://chat.shop.example:8443/v3/directline/conversations/", started["streamUrl"]!.GetValue<string>());
        await AssertErrorAsync(local, 400, "BadHost");
    }

    [Fact]
    public async Task APublicBaseUrlIsUsedWhateverTheHost()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["DirectLine:PublicBaseUrl"] = "https://chat.shop.example/support/" });
        var token = await TokenAsync(app);

        var started = await ReadObjectAsync(await SendAsync(app, HttpMethod.Post, "/v3/directline/conversations", "internal-pod:8080", token));
        var conversationId = started["conversationId"]!.GetValue<string>();
        var id = (await ReadObjectAsync(await SendAsync(app, HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload", "evil.example",
            started["token"]!.GetValue<string>(), UploadTests.Upload(UploadTests.Png, "image/png"))))["id"]!.GetValue<string>();
        var conversation = new Conversation(conversationId, started["token"]!.GetValue<string>(), "");
        var echo = (await app.Client.GetActivitiesAsync(conversation)).Activities.Single(a => a["id"]!.GetValue<string>() == id);

        Assert.StartsWith("wss://chat.shop.example/support/v3/directline/conversations/", started["streamUrl"]!.GetValue<string>());
        Assert.StartsWith("https://chat.shop.example/support/v3/directline/attachments/", echo["attachments"]![0]!["contentUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task HealthAnswersWhateverTheHostSoOrchestratorsCanProbeByAddress()
    {
        await using var app = await TestApp.StartAsync();

        var response = await SendAsync(app, HttpMethod.Get, "/healthz", "10.1.2.3:8080", null);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("DirectLine:AllowedHosts:0", "*")]
    [InlineData("DirectLine:PublicBaseUrl", "chat.shop.example")]
    [InlineData("DirectLine:PublicBaseUrl", "ftp://chat.shop.example")]
    public async Task AnUntrustworthyUrlSettingStopsTheServerAtStartup(string key, string value)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await (await TestApp.StartAsync(new Dictionary<string, string?> { [key] = value })).DisposeAsync());

        Assert.Contains("PublicBaseUrl", failure.Message);
    }
}
