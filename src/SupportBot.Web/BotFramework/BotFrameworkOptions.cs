namespace SupportBot.Web.BotFramework;

/// <summary>The Bot Framework channel (POST /api/messages): the bot's Azure registration and its connector.</summary>
public sealed class BotFrameworkOptions
{
    // Beside BotOptions: the Bot Framework SDK's settings are Bot:MicrosoftAppId and friends too.
    public const string Section = "Bot";

    /// <summary>The bot's Microsoft App ID (Azure Bot Service). Empty: anonymous requests are accepted (local Emulator/Playground use).</summary>
    public string MicrosoftAppId { get; set; } = "";

    /// <summary>The app's client secret, for the connector token (client-credentials flow).</summary>
    public string MicrosoftAppPassword { get; set; } = "";

    /// <summary>Tenant of a single-tenant app registration; empty for multi-tenant (tokens come from botframework.com).</summary>
    public string MicrosoftAppTenantId { get; set; } = "";

    /// <summary>Take anonymous /api/messages requests in Production too when there is no app id; without it the channel is off there.</summary>
    public bool AllowAnonymousInProduction { get; set; }

    /// <summary>OpenID metadata of the Bot Framework channel service, whose keys sign the channels' tokens.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata for Entra ID tokens (the Emulator's, a single-tenant bot's); "{tenant}" is the tenant, or botframework.com.</summary>
    public string EntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";

    /// <summary>Token endpoint of the client-credentials flow; "{tenant}" is the tenant, or botframework.com.</summary>
    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";

    /// <summary>Scope the connector token is asked for.</summary>
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// Service URLs (prefixes: scheme, host, port, path) the connector client may call besides those that arrived on
    /// authenticated requests. None listed: loopback addresses only when anonymous, none otherwise. (Null rather than
    /// an empty default: binding would add to a list, not replace it.)
    /// </summary>
    public string[]? AllowedServiceUrls { get; set; }

    /// <summary>Attempts after the first for a connector answer of 429 or 5xx (Retry-After honoured).</summary>
    public int ConnectorRetries { get; set; } = 4;

    /// <summary>First back-off before a retry; it doubles with each attempt, with jitter.</summary>
    public TimeSpan ConnectorRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public string Tenant => string.IsNullOrWhiteSpace(MicrosoftAppTenantId) ? "botframework.com" : MicrosoftAppTenantId;

    /// <summary>Null if the options are usable, else what is wrong (checked on start).</summary>
    public string? Problem() =>
        !IsHttpUrl(OpenIdMetadataUrl) || !IsHttpUrl(EntraOpenIdMetadataUrl.Replace("{tenant}", Tenant)) || !IsHttpUrl(TokenEndpoint.Replace("{tenant}", Tenant))
            ? "Bot:OpenIdMetadataUrl, Bot:EntraOpenIdMetadataUrl and Bot:TokenEndpoint must be absolute http(s) URLs."
        : (AllowedServiceUrls ?? []).Any(u => !IsHttpUrl(u)) ? "Bot:AllowedServiceUrls must be absolute http(s) URLs."
        : ConnectorRetries is < 0 or > 10 || ConnectorRetryDelay <= TimeSpan.Zero ? "Bot:ConnectorRetries must be 0-10 and Bot:ConnectorRetryDelay positive."
        : !IsAnonymous && string.IsNullOrWhiteSpace(MicrosoftAppPassword) ? "Bot:MicrosoftAppPassword is needed with Bot:MicrosoftAppId, for the connector token."
        : null;

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
