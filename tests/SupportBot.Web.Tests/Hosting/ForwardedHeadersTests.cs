using System.Net.Http.Json;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy: limits must count the client address the proxy
/// forwards, but only when the proxy is trusted, or anyone could pick their own address.
/// </summary>
public sealed class ForwardedHeadersTests
{
    public static TheoryData<string?, string?> TrustedProxies => new()
    {
        { null, null }, // loopback is trusted by default
        { "10.1.2.3", "127.0.0.0/8" },
    };

    [Theory]
    [MemberData(nameof(TrustedProxies))]
    public async Task AnAddressForwardedByATrustedProxyGetsItsOwnLimit(string? knownProxy, string? knownNetwork)
    {
        await using var app = await StartAsync(knownProxy, knownNetwork);
        await UseUpTheLimitAsync(app, "198.51.100.1");

        var other = await SignInFromAsync(app, "198.51.100.2");

        await AssertErrorAsync(other, 401, "SignInFailed");
    }

    [Fact]
    public async Task AnAddressForwardedByAnUntrustedPeerIsIgnored()
    {
        await using var app = await StartAsync("10.1.2.3", null);
        await UseUpTheLimitAsync(app, "198.51.100.1");

        var other = await SignInFromAsync(app, "198.51.100.2");

        await AssertErrorAsync(other, 429, "TooManyRequests");
    }

    private static Task<TestApp> StartAsync(string? knownProxy, string? knownNetwork) => TestApp.StartAsync(new Dictionary<string, string?>
    {
        ["Agents:SignInsPerMinutePerClient"] = "2",
        ["ForwardedHeaders:KnownProxies:0"] = knownProxy,
        ["ForwardedHeaders:KnownNetworks:0"] = knownNetwork,
    });

    private static async Task UseUpTheLimitAsync(TestApp app, string address)
    {
        await AssertErrorAsync(await SignInFromAsync(app, address), 401, "SignInFailed");
        await AssertErrorAsync(await SignInFromAsync(app, address), 401, "SignInFailed");
        await AssertErrorAsync(await SignInFromAsync(app, address), 429, "TooManyRequests");
    }

    private static Task<HttpResponseMessage> SignInFromAsync(TestApp app, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/agent/api/sign-in") { Content = JsonContent.Create(new { name = $"nobody-{Guid.NewGuid():N}", password = "guess" }) };
        request.Headers.Add("X-Forwarded-For", address);
        return app.Client.Http.SendAsync(request);
    }
}
