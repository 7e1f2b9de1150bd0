using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.BotFramework;

/// <summary>Who sent an /api/messages request: a channel vouched for by its token, or anyone (anonymous mode).</summary>
public sealed record BotFrameworkCaller(bool Authenticated, string? ServiceUrlClaim, bool ServiceUrlClaimRequired)
{
    public static BotFrameworkCaller Anonymous { get; } = new(false, null, false);
}

/// <summary>
/// Checks the Bot Framework JWT of /api/messages as the SDK does, with Microsoft.IdentityModel: tokens the Bot
/// Framework channel service signs (issuer api.botframework.com, keys from Bot:OpenIdMetadataUrl, a serviceurl
/// claim) and Entra ID tokens of the Emulator or of a single-tenant bot (keys from Bot:EntraOpenIdMetadataUrl).
/// The audience is the bot's app id. Metadata and keys are cached by ConfigurationManager and refreshed daily, or
/// at once when a token names a key it does not hold (a key rotation).
/// </summary>
public sealed class BotFrameworkAuth
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string ServiceUrlClaim = "serviceurl";

    // The Bot Framework's own tenants, whose Entra tokens the Emulator sends (v1 and v2 issuers of each).
    private static readonly string[] EmulatorTenants = ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];
    private const string BotFrameworkTenant = "botframework.com";

    private readonly BotFrameworkOptions _options;
    private readonly bool _anonymousRefused;
    private readonly HttpClient _http;
    private readonly ILogger<BotFrameworkAuth> _logger;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _metadata = new(StringComparer.Ordinal);

    public BotFrameworkAuth(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients, IHostEnvironment environment, ILogger<BotFrameworkAuth> logger)
    {
        _options = options.Value;
        _http = httpClients.CreateClient(nameof(BotFrameworkAuth));
        _logger = logger;

        // A Production server without an app id is one that uses only the widget: anonymous mode there is an opt-in.
        _anonymousRefused = _options.IsAnonymous && environment.IsProduction() && !_options.AllowAnonymousInProduction;
        if (_anonymousRefused)
        {
            logger.LogInformation("Bot Framework channel (/api/messages): off, since Bot:MicrosoftAppId is empty in Production (set it, or Bot:AllowAnonymousInProduction for anonymous use); every request is refused with 401.");
        }
        else if (_options.IsAnonymous)
        {
            // Local development is the expected case (information); anonymous in Production is an opt-in worth a warning.
            logger.Log(environment.IsProduction() ? LogLevel.Warning : LogLevel.Information,
                "Bot Framework channel (/api/messages): Bot:MicrosoftAppId is empty, so requests are accepted WITHOUT authentication (the Emulator, the Playground) and replies go only to {ServiceUrls}.",
                _options.AllowedServiceUrls is { Length: > 0 } allowed ? string.Join(", ", allowed) : "loopback service URLs");
        }
        else
        {
            logger.LogInformation("Bot Framework channel (/api/messages): requests must carry a Bot Framework token for app {AppId}.", _options.MicrosoftAppId);
        }
    }

    /// <summary>The caller, or null after logging why its token is refused (the endpoint answers 401).</summary>
    public async Task<BotFrameworkCaller?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (_anonymousRefused)
        {
            _logger.LogInformation("Refused an /api/messages request: the channel is off (no Bot:MicrosoftAppId in Production)");
            return null;
        }

        if (_options.IsAnonymous)
        {
            return BotFrameworkCaller.Anonymous;
        }

        var token = BearerToken.From(request);
        if (string.IsNullOrEmpty(token) || !_handler.CanReadToken(token))
        {
            _logger.LogInformation("Refused an /api/messages request: no readable bearer token");
            return null;
        }

        var issuer = _handler.ReadJsonWebToken(token).Issuer;
        var (metadataUrl, issuers, fromChannel) = issuer == ChannelIssuer
            ? (_options.OpenIdMetadataUrl, [ChannelIssuer], true)
            : (EntraMetadataUrl(issuer), EntraIssuers(), false);
        if (!issuers.Contains(issuer))
        {
            _logger.LogInformation("Refused an /api/messages request: its token's issuer {Issuer} is not accepted", issuer);
            return null;
        }

        var result = await ValidateAsync(token, metadataUrl, issuers, cancellationToken);
        if (!result.IsValid)
        {
            _logger.LogInformation("Refused an /api/messages request: {Reason}", result.Exception?.Message);
            return null;
        }

        // Entra tokens name the app they were issued to; it must be this bot (the audience says who may read it).
        if (!fromChannel && (ClaimOf(result, "appid") ?? ClaimOf(result, "azp")) is { } appId && appId != _options.MicrosoftAppId)
        {
            _logger.LogInformation("Refused an /api/messages request: its token was issued to app {AppId}", appId);
            return null;
        }

        return new BotFrameworkCaller(true, ClaimOf(result, ServiceUrlClaim), fromChannel);
    }

    /// <summary>A channel's token holds the service URL it may post from; the activity must come from that one.</summary>
    public static bool ServiceUrlMatches(BotFrameworkCaller caller, string serviceUrl) =>
        caller.ServiceUrlClaim is { } claimed
            ? string.Equals(claimed.TrimEnd('/'), serviceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            : !caller.ServiceUrlClaimRequired;

    private async Task<TokenValidationResult> ValidateAsync(string token, string metadataUrl, IReadOnlyList<string> issuers, CancellationToken cancellationToken)
    {
        var manager = _metadata.GetOrAdd(metadataUrl, url => new ConfigurationManager<OpenIdConnectConfiguration>(
            url, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(_http) { RequireHttps = !ServiceUrlPolicy.IsLoopback(new Uri(url)) }));
        for (var attempt = 0; ; attempt++)
        {
            var configuration = await manager.GetConfigurationAsync(cancellationToken);
            var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
            {
                ValidIssuers = issuers,
                ValidAudiences = [_options.MicrosoftAppId, $"api://{_options.MicrosoftAppId}"],
                IssuerSigningKeys = configuration.SigningKeys,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromMinutes(5),
            });
            if (result.IsValid || attempt > 0 || result.Exception is not SecurityTokenSignatureKeyNotFoundException)
            {
                return result;
            }

            manager.RequestRefresh(); // a key this process has not seen yet: fetch the keys once more
        }
    }

    private string EntraMetadataUrl(string? issuer)
    {
        var tenant = EmulatorTenants.Any(t => issuer?.Contains(t, StringComparison.Ordinal) == true) ? BotFrameworkTenant : _options.Tenant;
        return _options.EntraOpenIdMetadataUrl.Replace("{tenant}", tenant);
    }

    private string[] EntraIssuers() =>
        [.. EmulatorTenants.Concat(_options.Tenant == BotFrameworkTenant ? [] : [_options.Tenant])
            .SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" })];

    private static string? ClaimOf(TokenValidationResult result, string type) =>
        result.Claims.TryGetValue(type, out var value) ? value?.ToString() : null;
}
