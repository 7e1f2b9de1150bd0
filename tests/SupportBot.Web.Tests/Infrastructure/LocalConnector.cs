using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// What Azure Bot Service is to a bot, on a free loopback port in the test process: the channel's connector that
/// receives replies (answering as the test says), the Bot Framework's OpenID metadata and keys that sign channel
/// tokens, and the Entra token endpoint of the client-credentials flow.
/// </summary>
public sealed class LocalConnector : IAsyncDisposable
{
    public const string AppId = "7b0f0c7e-test-bot-app";
    public const string AppPassword = "test-app-password";
    public const string ConnectorToken = "connector-token-1";

    private readonly WebApplication _app;

    private LocalConnector(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The service URL activities carry, e.g. http://127.0.0.1:PORT/.</summary>
    public string BaseUrl { get; }

    public RsaSecurityKey SigningKey { get; } = new(RSA.Create(2048)) { KeyId = "channel-key-1" };

    /// <summary>What the connector received, in order: the raw path, the Authorization header, the body.</summary>
    public IReadOnlyList<(string Path, string? Authorization, JsonObject Activity)> Received { get { lock (_received) { return [.. _received]; } } }

    public int Attempts => _attempts;

    public int TokenRequests => _tokenRequests;

    /// <summary>How the connector answers each POST, in order; 200 once they run out.</summary>
    public ConcurrentQueue<int> Answers { get; } = new();

    /// <summary>Answers every POST to a conversation with this id with 503 (a connector that stays down for it).</summary>
    public string? DownFor { get; set; }

    private readonly List<(string Path, string? Authorization, JsonObject Activity)> _received = [];
    private readonly HashSet<int> _taken = [];
    private int _attempts;
    private int _tokenRequests;

    public static async Task<LocalConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalConnector? self = null;
        app.MapPost("/v3/conversations/{conversationId}/activities/{**replyToId}", (Delegate)((HttpContext c) => self!.ReceiveAsync(c)));
        app.MapPost("/v3/conversations/{conversationId}/activities", (Delegate)((HttpContext c) => self!.ReceiveAsync(c)));
        app.MapGet("/.well-known/openidconfiguration", () => Results.Json(new JsonObject
        {
            ["issuer"] = "https://api.botframework.com",
            ["jwks_uri"] = self!.BaseUrl + "keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        app.MapGet("/keys", () => Results.Json(new JsonObject { ["keys"] = new JsonArray(self!.Jwk()) }));
        app.MapPost("/token", async (HttpContext c) =>
        {
            var form = await c.Request.ReadFormAsync();
            Interlocked.Increment(ref self!._tokenRequests);
            return form["client_id"] == AppId && form["client_secret"] == AppPassword && form["grant_type"] == "client_credentials"
                ? Results.Json(new { access_token = ConnectorToken, token_type = "Bearer", expires_in = 3600 })
                : Results.Json(new { error = "invalid_client" }, statusCode: 401);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new LocalConnector(app, address + "/");
        return self;
    }

    /// <summary>Settings for a bot with an app id whose tokens, keys and connector token all come from here.</summary>
    public Dictionary<string, string?> AuthenticatedSettings() => new()
    {
        ["Bot:MicrosoftAppId"] = AppId,
        ["Bot:MicrosoftAppPassword"] = AppPassword,
        ["Bot:OpenIdMetadataUrl"] = BaseUrl + ".well-known/openidconfiguration",
        ["Bot:EntraOpenIdMetadataUrl"] = BaseUrl + ".well-known/openidconfiguration",
        ["Bot:TokenEndpoint"] = BaseUrl + "token",
        ["Bot:ConnectorRetryDelay"] = "00:00:00.050",
    };

    /// <summary>A channel token as the Bot Framework signs them; each argument spoils one part.</summary>
    public string Token(
        string? serviceUrl = null, string audience = AppId, string issuer = "https://api.botframework.com",
        DateTime? expires = null, SecurityKey? key = null, bool withServiceUrl = true)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(withServiceUrl ? [new Claim("serviceurl", serviceUrl ?? BaseUrl)] : [new Claim("appid", AppId)]),
            NotBefore = (expires ?? now.AddHours(1)).AddHours(-2),
            IssuedAt = (expires ?? now.AddHours(1)).AddHours(-2),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>An unsigned token (alg "none") with claims that would otherwise pass.</summary>
    public string UnsignedToken()
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Part("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Part($"{{\"iss\":\"https://api.botframework.com\",\"aud\":\"{AppId}\",\"exp\":{exp},\"serviceurl\":\"{BaseUrl}\"}}")}.";
    }

    /// <summary>The first received activity matching, not returned before; waits for it up to <paramref name="seconds"/>.</summary>
    public async Task<(string Path, string? Authorization, JsonObject Activity)> NextAsync(Func<JsonObject, bool>? match = null, int seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            lock (_received)
            {
                for (var i = 0; i < _received.Count; i++)
                {
                    if (!_taken.Contains(i) && (match is null || match(_received[i].Activity)))
                    {
                        _taken.Add(i);
                        return _received[i];
                    }
                }
            }

            Assert.True(DateTime.UtcNow < until, "The connector received no such activity in time.");
            await Task.Delay(25);
        }
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        Interlocked.Increment(ref _attempts);
        var conversationId = (string)context.Request.RouteValues["conversationId"]!;
        if (conversationId == DownFor)
        {
            return Results.StatusCode(503);
        }

        if (Answers.TryDequeue(out var status) && status != 200)
        {
            if (status == 429)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            return Results.StatusCode(status);
        }

        var activity = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        var rawPath = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        lock (_received)
        {
            _received.Add((rawPath, context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, activity));
        }

        return Results.Json(new { id = Guid.NewGuid().ToString("N") });
    }

    private JsonObject Jwk()
    {
        var parameters = SigningKey.Rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = SigningKey.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
