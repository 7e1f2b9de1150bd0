using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportBot.Web.Platform;

/// <summary>
/// What both token kinds share: one issuer, HS256 and nothing else, a small clock skew, the server's clock. Each
/// kind has its own audience and its own key, so neither verifies as the other.
/// </summary>
public static class SupportBotTokens
{
    public const string Issuer = "supportbot";
    public const string DirectLineAudience = "supportbot-directline";
    public const string AgentAudience = "supportbot-agents";

    /// <summary>How far clocks of the processes sharing a key may disagree.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    // Far above any token this server issues, far below the library's 250 KB default.
    private const int MaxTokenBytes = 8 * 1024;

    public static JsonWebTokenHandler NewHandler() => new() { SetDefaultTimesOnTokenCreation = false, MaximumTokenSizeInBytes = MaxTokenBytes };

    /// <summary>The signing credentials and the (cached, reused for every check) validation parameters for one key.</summary>
    public static (SigningCredentials Signing, TokenValidationParameters Validation) Parameters(byte[] key, string audience, TimeProvider clock)
    {
        var securityKey = new SymmetricSecurityKey(key);
        return (new SigningCredentials(securityKey, SecurityAlgorithms.HmacSha256), new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = audience,
            IssuerSigningKey = securityKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,

            // The library's own check reads the system clock; this one reads the server's (tests move it). A failure
            // here is a SecurityTokenInvalidLifetimeException, raised only after the signature verified.
            LifetimeValidator = (notBefore, expires, _, _) => IsLive(notBefore, expires, clock.GetUtcNow().UtcDateTime),
        });
    }

    private static bool IsLive(DateTime? notBefore, DateTime? expires, DateTime now) =>
        expires is { } end && end + ClockSkew > now && (notBefore is not { } start || start - ClockSkew <= now);

    public static SecurityTokenDescriptor Descriptor(
        SigningCredentials signing, string audience, IDictionary<string, object> claims, DateTimeOffset now, DateTimeOffset expires) => new()
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = signing,
        };

    /// <summary>
    /// One pass over the token: parse, signature, issuer, audience, lifetime. With a fixed symmetric key and no
    /// configuration manager nothing inside awaits, so the task has completed when it is returned: unwrapping it
    /// blocks nothing, and keeps the Direct Line checks synchronous.
    /// </summary>
    public static TokenValidationResult Validate(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters) =>
        handler.ValidateTokenAsync(token, parameters).GetAwaiter().GetResult();
}
