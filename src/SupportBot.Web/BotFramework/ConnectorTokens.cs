using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace SupportBot.Web.BotFramework;

/// <summary>
/// The bearer token for calls to the connector, from the client-credentials flow (app id and secret), kept until
/// five minutes before it expires. None in anonymous mode: the Emulator and the Playground ask for none.
/// MSAL would do the same, but insists on an https authority it can discover, which a test's local issuer is not.
/// </summary>
public sealed class ConnectorTokens(IHttpClientFactory httpClients, IOptions<BotFrameworkOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan EarlyRenewal = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _renewing = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _current;

    /// <summary>The token to send, or null when anonymous; throws <see cref="HttpRequestException"/> if the token endpoint refuses.</summary>
    public async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.IsAnonymous)
        {
            return null;
        }

        if (_current is { } fresh && fresh.RenewAt > clock.GetUtcNow())
        {
            return fresh.Token;
        }

        await _renewing.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } renewed && renewed.RenewAt > clock.GetUtcNow())
            {
                return renewed.Token; // another caller renewed it while this one waited
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = o.MicrosoftAppId,
                ["client_secret"] = o.MicrosoftAppPassword,
                ["scope"] = o.OAuthScope,
            });
            using var response = await httpClients.CreateClient(nameof(ConnectorTokens)).PostAsync(o.TokenEndpoint.Replace("{tenant}", o.Tenant), form, cancellationToken);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync(TokenJson.Default.TokenResponse, cancellationToken)
                ?? throw new HttpRequestException("The token endpoint answered no token.");
            if (string.IsNullOrEmpty(body.AccessToken))
            {
                throw new HttpRequestException("The token endpoint answered no access_token.");
            }

            var lifetime = TimeSpan.FromSeconds(Math.Max(0, body.ExpiresIn));
            _current = (body.AccessToken, clock.GetUtcNow() + (lifetime > EarlyRenewal * 2 ? lifetime - EarlyRenewal : lifetime / 2));
            return body.AccessToken;
        }
        finally
        {
            _renewing.Release();
        }
    }
}

internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class TokenJson : JsonSerializerContext;
