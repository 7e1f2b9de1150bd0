using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace SupportBot.Web.DirectLine;

public enum TokenStatus
{
    Valid,

    /// <summary>Not a token, or its signature does not verify: forged or from another deployment (401).</summary>
    Invalid,

    /// <summary>Genuine but past its expiry (403, so Direct Line clients refresh or start over).</summary>
    Expired,
}

/// <summary>
/// Issues and checks conversation tokens: compact JWTs (HS256) whose key is derived from DirectLine:Secret, so
/// every server process sharing the secret accepts every other's tokens.
/// </summary>
public sealed class TokenService
{
    private static readonly byte[] Header = Encoding.UTF8.GetBytes(Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8));
    private readonly byte[] _signingKey;
    private readonly byte[]? _secret;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public TokenService(IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<TokenService> logger)
    {
        _clock = clock;
        _lifetime = options.Value.TokenLifetime;
        var secret = options.Value.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            _signingKey = RandomNumberGenerator.GetBytes(32);
            logger.LogWarning(
                "DirectLine:Secret is not set: tokens/generate is disabled and tokens are valid only on this process. Set DirectLine__Secret for production and for several processes.");
        }
        else
        {
            _secret = Encoding.UTF8.GetBytes(secret);
            _signingKey = HMACSHA256.HashData(_secret, "supportbot/directline/token-signing"u8);
        }
    }

    public bool HasSecret => _secret is not null;

    public TimeSpan Lifetime => _lifetime;

    public bool IsSecret(string candidate) =>
        _secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _secret);

    public string Issue(string conversationId, string userId, string? userName) =>
        Issue(new DirectLineToken(conversationId, userId, userName, _clock.GetUtcNow() + _lifetime));

    public string Issue(DirectLineToken token)
    {
        var claims = new TokenClaims
        {
            Conversation = token.ConversationId,
            User = token.UserId,
            Name = token.UserName,
            IssuedAt = _clock.GetUtcNow().ToUnixTimeSeconds(),
            Expires = token.ExpiresAt.ToUnixTimeSeconds(),
        };
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, TokenJson.Default.TokenClaims));
        var signingInput = $"{Encoding.UTF8.GetString(Header)}.{payload}";
        var signature = Base64Url.EncodeToString(HMACSHA256.HashData(_signingKey, Encoding.UTF8.GetBytes(signingInput)));
        return $"{signingInput}.{signature}";
    }

    /// <summary>Seconds until the token expires (0 when it is not valid), for the <c>expires_in</c> of an answer.</summary>
    public int SecondsLeft(string token) =>
        Validate(token, out var parsed) == TokenStatus.Valid ? (int)(parsed!.ExpiresAt - _clock.GetUtcNow()).TotalSeconds : 0;

    public TokenStatus Validate(string candidate, out DirectLineToken? token)
    {
        token = null;
        var parts = candidate.Split('.');
        if (parts.Length != 3 || parts[2].Length > 64)
        {
            return TokenStatus.Invalid;
        }

        var expected = HMACSHA256.HashData(_signingKey, Encoding.UTF8.GetBytes($"{parts[0]}.{parts[1]}"));
        if (!Base64Url.IsValid(parts[2]) || !Base64Url.IsValid(parts[1]))
        {
            return TokenStatus.Invalid;
        }

        Span<byte> actual = stackalloc byte[64];
        if (!Base64Url.TryDecodeFromChars(parts[2], actual, out var written)
            || !CryptographicOperations.FixedTimeEquals(actual[..written], expected))
        {
            return TokenStatus.Invalid;
        }

        TokenClaims? claims;
        try
        {
            claims = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(parts[1]), TokenJson.Default.TokenClaims);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return TokenStatus.Invalid;
        }

        if (claims?.Conversation is null || claims.User is null)
        {
            return TokenStatus.Invalid;
        }

        token = new DirectLineToken(claims.Conversation, claims.User, claims.Name, DateTimeOffset.FromUnixTimeSeconds(claims.Expires));
        return token.ExpiresAt <= _clock.GetUtcNow() ? TokenStatus.Expired : TokenStatus.Valid;
    }

    internal sealed class TokenClaims
    {
        [JsonPropertyName("conv")]
        public string? Conversation { get; set; }

        [JsonPropertyName("user")]
        public string? User { get; set; }

        [JsonPropertyName("name")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Name { get; set; }

        [JsonPropertyName("iat")]
        public long IssuedAt { get; set; }

        [JsonPropertyName("exp")]
        public long Expires { get; set; }
    }
}

[JsonSerializable(typeof(TokenService.TokenClaims))]
internal sealed partial class TokenJson : JsonSerializerContext;
