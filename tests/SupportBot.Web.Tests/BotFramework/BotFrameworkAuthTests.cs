using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using SupportBot.Conversations;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.BotFramework;

/// <summary>With an app id set, /api/messages takes only Bot Framework tokens; a local OpenID issuer signs them here.</summary>
public sealed class BotFrameworkAuthTests : IAsyncLifetime
{
    private LocalConnector _connector = null!;
    private TestApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _connector = await LocalConnector.StartAsync();
        _app = await TestApp.StartAsync(_connector.AuthenticatedSettings());
    }

    [Fact]
    public async Task AValidChannelTokenPassesAndTheReplyCarriesTheConnectorToken()
    {
        var activity = ChannelActivity.Message(_connector.BaseUrl, "auth-ok", "hello", channelId: "msteams");

        var response = await ChannelActivity.PostAsync(_app.BaseUrl, activity, _connector.Token());
        var (_, authorization, _) = await _connector.NextAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Bearer {LocalConnector.ConnectorToken}", authorization);
    }

    [Fact]
    public async Task TheEmulatorsEntraTokenPassesWithoutAServiceUrlClaim()
    {
        var emulatorIssuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
        var activity = ChannelActivity.Message(_connector.BaseUrl, "auth-emulator", "hello");

        var response = await ChannelActivity.PostAsync(_app.BaseUrl, activity, _connector.Token(issuer: emulatorIssuer, withServiceUrl: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _connector.NextAsync(a => a["conversation"]!["id"]!.GetValue<string>() == "auth-emulator");
    }

    public static TheoryData<string> Spoilt => ["none", "expired", "audience", "issuer", "key", "unsigned", "serviceurl"];

    [Theory]
    [MemberData(nameof(Spoilt))]
    public async Task ASpoiltTokenIsRefusedWith401JsonAndNothingReachesTheBot(string spoilt)
    {
        var activity = ChannelActivity.Message(_connector.BaseUrl, "auth-" + spoilt, "hello", channelId: "msteams");
        var token = spoilt switch
        {
            "none" => null,
            "expired" => _connector.Token(expires: DateTime.UtcNow.AddMinutes(-30)),
            "audience" => _connector.Token(audience: "someone-elses-bot"),
            "issuer" => _connector.Token(issuer: "https://evil.example"),
            "key" => _connector.Token(key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = _connector.SigningKey.KeyId }),
            "unsigned" => _connector.UnsignedToken(),
            _ => _connector.Token(serviceUrl: "https://smba.trafficmanager.net/other/"),
        };

        var response = await ChannelActivity.PostAsync(_app.BaseUrl, activity, token);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", body["error"]!["code"]!.GetValue<string>());
        Assert.Null(await _app.Services.GetRequiredService<IConversationLog>().GetAsync(ChannelConversationIds.For("msteams", "auth-" + spoilt)));
        Assert.Equal(0, _connector.Attempts);
    }

    [Fact]
    public async Task TheConnectorTokenIsFetchedOnceAndReusedUntilNearExpiry()
    {
        for (var i = 0; i < 3; i++)
        {
            await ChannelActivity.PostAsync(_app.BaseUrl, ChannelActivity.Message(_connector.BaseUrl, "auth-reuse", $"hello {i}"), _connector.Token());
            await _connector.NextAsync();
        }

        Assert.Equal(1, _connector.TokenRequests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
    }
}
