using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SupportBot.Web.Platform;

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
/// Issues and checks conversation tokens: JWTs (HS256, pinned) whose key is derived from DirectLine:Secret, so
/// every server process sharing the secret accepts every other's tokens. The agents' key is another, of its own.
/// </summary>
public sealed class TokenService
{
    private const string ConversationClaim = "conv";
    private const string UserClaim = "user";
    private const string NameClaim = "name";

    // Tokens whose signature has been checked, until they expire: a conversation's token comes with every request
    // of it, and checking the signature each time was a few percent of a turn's CPU. Keyed by the whole token, so
    // only the exact string that was verified is trusted; bounded, the least used going first.
    private const int CheckedTokens = 50_000;

    private readonly MemoryCache _checked = new(new MemoryCacheOptions { SizeLimit = CheckedTokens });
    private readonly JsonWebTokenHandler _handler = SupportBotTokens.NewHandler();
    private readonly SigningCredentials _signing;
    private readonly TokenValidationParameters _validation;
    private readonly byte[]? _secret;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public TokenService(IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<TokenService> logger)
    {
        _clock = clock;
        _lifetime = options.Value.TokenLifetime;
        var secret = options.Value.Secret;
        byte[] key;
        if (string.IsNullOrEmpty(secret))
        {
            key = RandomNumberGenerator.GetBytes(32);
            logger.LogWarning(
                "DirectLine:Secret is not set: tokens/generate is disabled and tokens are valid only on this process. Set DirectLine__Secret for production and for several processes.");
        }
        else
        {
            _secret = Encoding.UTF8.GetBytes(secret);
            key = HMACSHA256.HashData(_secret, "supportbot/directline/token-signing"u8);
        }

        (_signing, _validation) = SupportBotTokens.Parameters(key, SupportBotTokens.DirectLineAudience, clock);
    }

    public bool HasSecret => _secret is not null;

    public TimeSpan Lifetime => _lifetime;

    public bool IsSecret(string candidate) =>
        _secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _secret);

    public string Issue(string conversationId, string userId, string? userName) =>
        Issue(new DirectLineToken(conversationId, userId, userName, _clock.GetUtcNow() + _lifetime));

    public string Issue(DirectLineToken token)
    {
        var claims = new Dictionary<string, object> { [ConversationClaim] = token.ConversationId, [UserClaim] = token.UserId };
        if (token.UserName is not null)
        {
            claims[NameClaim] = token.UserName;
        }

        return _handler.CreateToken(SupportBotTokens.Descriptor(_signing, SupportBotTokens.DirectLineAudience, claims, _clock.GetUtcNow(), token.ExpiresAt));
    }

    /// <summary>
    /// Seconds until a token this request issued or has already checked expires, for the <c>expires_in</c> of an
    /// answer. Only reads the expiry: checking the signature a second time would double the cost of the request.
    /// </summary>
    public int SecondsLeft(string token) =>
        _handler.CanReadToken(token) ? Math.Max(0, (int)(_handler.ReadJsonWebToken(token).ValidTo - _clock.GetUtcNow().UtcDateTime).TotalSeconds) : 0;

    public TokenStatus Validate(string candidate, out DirectLineToken? token)
    {
        if (_checked.TryGetValue(candidate, out DirectLineToken? known) && known!.ExpiresAt > _clock.GetUtcNow())
        {
            token = known;
            return TokenStatus.Valid;
        }

        token = null;
        var result = SupportBotTokens.Validate(_handler, candidate, _validation);
        if (!result.IsValid)
        {
            return result.Exception is SecurityTokenInvalidLifetimeException ? TokenStatus.Expired : TokenStatus.Invalid;
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!jwt.TryGetPayloadValue<string>(ConversationClaim, out var conversation) || !jwt.TryGetPayloadValue<string>(UserClaim, out var user))
        {
            return TokenStatus.Invalid;
        }

        jwt.TryGetPayloadValue<string>(NameClaim, out var name);
        token = new DirectLineToken(conversation, user, name, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        _checked.Set(candidate, token, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = token.ExpiresAt });
        return TokenStatus.Valid;
    }
}
