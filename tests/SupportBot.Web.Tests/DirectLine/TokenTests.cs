using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Web.DirectLine;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.DirectLine;

public class TokenTests
{
    [Fact]
    public async Task GeneratingATokenNeedsTheSecret()
    {
        await using var app = await TestApp.StartAsync();

        await AssertErrorAsync(await app.Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", null), 401, "Unauthorized");
        await AssertErrorAsync(await app.Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", "wrong-secret"), 401, "Unauthorized");
        var generated = await app.Client.GenerateTokenAsync("dl_ada");

        Assert.Equal(1800, generated["expires_in"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(generated["conversationId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task WithoutAConfiguredSecretGeneratingIsForbiddenButTheWidgetStillWorks()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["DirectLine:Secret"] = "" });

        await AssertErrorAsync(await app.Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", TestApp.Secret), 403, "Forbidden");
        var session = await app.Client.SendAsync(HttpMethod.Post, "/widget/session", null);
        Assert.True(session.IsSuccessStatusCode);
    }

    [Fact]
    public async Task ATokenForOneConversationIsForbiddenOnAnother()
    {
        await using var app = await TestApp.StartAsync();
        var mine = await app.Client.StartAsync();
        var theirs = await app.Client.StartAsync();

        var response = await app.Client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{theirs.Id}/activities", mine.Token);

        await AssertErrorAsync(response, 403, "Forbidden");
    }

    [Fact]
    public async Task AnExpiredTokenIsForbiddenAndCannotBeRefreshed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var conversation = await app.Client.StartAsync();
        // Used while valid first: a token once checked is remembered, and must still expire on time.
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities", conversation.Token)).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(31));

        await AssertErrorAsync(await app.Client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities", conversation.Token), 403, "TokenExpired");
        await AssertErrorAsync(await app.Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", conversation.Token), 403, "TokenExpired");
        await AssertErrorAsync(await app.Client.PostActivityAsync(conversation, """{"type":"message","text":"late"}"""), 403, "TokenExpired");
    }

    [Fact]
    public async Task AForgedTokenIsUnauthorized()
    {
        await using var app = await TestApp.StartAsync();
        await using var otherDeployment = await TestApp.StartAsync(new Dictionary<string, string?> { ["DirectLine:Secret"] = "another-secret" });
        var victim = await app.Client.StartAsync();
        var attacker = await app.Client.StartAsync();
        var foreign = await otherDeployment.Client.StartAsync();

        // Same signature, payload rewritten to claim the victim's conversation.
        var parts = attacker.Token.Split('.');
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1]))).Replace(attacker.Id, victim.Id, StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.{parts[2]}";

        foreach (var token in new[] { forged, foreign.Token, "x.y.z", "not-a-token", "a.b" })
        {
            var response = await app.Client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{victim.Id}/activities", token);
            await AssertErrorAsync(response, 401, "Unauthorized");
        }
    }

    [Fact]
    public async Task RefreshingGivesAWorkingTokenForTheSameConversation()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var conversation = await app.Client.StartAsync();

        clock.Advance(TimeSpan.FromMinutes(20));
        var refreshed = await ReadObjectAsync(await app.Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", conversation.Token));
        clock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(conversation.Id, refreshed["conversationId"]!.GetValue<string>());
        var fresh = conversation with { Token = refreshed["token"]!.GetValue<string>() };
        var (activities, _) = await app.Client.GetActivitiesAsync(fresh);
        Assert.NotEmpty(activities);
    }

    [Fact]
    public async Task AnUnsignedTokenOrOneForAnotherAudienceIsUnauthorized()
    {
        await using var app = await TestApp.StartAsync();
        var victim = await app.Client.StartAsync();
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestApp.Secret), "supportbot/directline/token-signing"u8);
        var claims = new Dictionary<string, object> { ["conv"] = victim.Id, ["user"] = "dl_mallory", ["iss"] = "supportbot" };

        var unsigned = Forge(null, claims, "supportbot-directline", DateTime.UtcNow.AddMinutes(10));
        var otherAudience = Forge(key, claims, "supportbot-agents", DateTime.UtcNow.AddMinutes(10));

        foreach (var token in new[] { unsigned, otherAudience })
        {
            await AssertErrorAsync(await app.Client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{victim.Id}/activities", token), 401, "Unauthorized");
        }
    }

    [Fact]
    public async Task AForgedTokenIsUnauthorizedEvenWhenItHasExpired()
    {
        await using var app = await TestApp.StartAsync();
        var victim = await app.Client.StartAsync();
        var wrongKey = HMACSHA256.HashData(Encoding.UTF8.GetBytes("another-secret"), "supportbot/directline/token-signing"u8);
        var claims = new Dictionary<string, object> { ["conv"] = victim.Id, ["user"] = "dl_mallory", ["iss"] = "supportbot" };

        var forged = Forge(wrongKey, claims, "supportbot-directline", DateTime.UtcNow.AddHours(-1));

        await AssertErrorAsync(await app.Client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{victim.Id}/activities", forged), 401, "Unauthorized");
    }

    [Fact]
    public void ATokenUnusedForAFewMinutesIsForgottenByTheCacheAndStillAcceptedWhenItComesBack()
    {
        // 10,000 conversations whose customers went quiet must not keep their tokens in the server's memory for the
        // tokens' whole lifetime: only the ones in use are remembered.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new TokenService(Options.Create(new DirectLineOptions { Secret = TestApp.Secret }), clock, NullLogger<TokenService>.Instance);
        var quiet = Enumerable.Range(0, 100).Select(i => tokens.Issue($"quiet{i}", $"dl_quiet{i}", null)).ToList();
        quiet.ForEach(token => Assert.Equal(TokenStatus.Valid, tokens.Validate(token, out _)));
        Assert.Equal(100, tokens.RememberedTokens());

        clock.Advance(TimeSpan.FromMinutes(5));
        var busy = tokens.Issue("busy", "dl_busy", null);
        Assert.Equal(TokenStatus.Valid, tokens.Validate(busy, out _));

        Assert.Equal(1, tokens.RememberedTokens());
        Assert.Equal(TokenStatus.Valid, tokens.Validate(quiet[0], out var back));
        Assert.Equal("quiet0", back!.ConversationId);
    }

    private static string Forge(byte[]? key, Dictionary<string, object> claims, string audience, DateTime expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Audience = audience,
            IssuedAt = expires.AddMinutes(-30),
            Expires = expires,
            SigningCredentials = key is null ? null : new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - (s.Length % 4)) % 4);
    }
}
