using System.Buffers;
using System.Buffers.Binary;
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

    // Tokens whose signature has been checked, while they are in use: a conversation's token comes with every
    // request of it, and checking the signature each time was a few percent of a turn's CPU. Keyed by the token's
    // SHA-256, so only the exact string that was verified is trusted and the cache does not keep the token's text
    // (most of an entry's size). An entry goes once its token is unused for ForgetAfter or expires, whichever is
    // first, so conversations whose customers went quiet cost nothing here; bounded, the least used going first.
    private const int CheckedTokens = 20_000;
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(2);

    private readonly MemoryCache _checked;
    private readonly JsonWebTokenHandler _handler = SupportBotTokens.NewHandler();
    private readonly SigningCredentials _signing;
    private readonly TokenValidationParameters _validation;
    private readonly byte[]? _secret;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public TokenService(IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<TokenService> logger)
    {
        _clock = clock;
        _checked = new MemoryCache(new MemoryCacheOptions { SizeLimit = CheckedTokens, Clock = new CacheClock(clock) });
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

    /// <summary>Tokens remembered as checked, once what has expired is dropped (tests: the cache's own sweep runs on its own thread).</summary>
    internal int RememberedTokens()
    {
        _checked.Compact(0);
        return _checked.Count;
    }

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
        var digest = Digest(candidate);
        if (_checked.TryGetValue(digest, out DirectLineToken? known) && known!.ExpiresAt > _clock.GetUtcNow())
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
        _checked.Set(digest, token, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = token.ExpiresAt, SlidingExpiration = ForgetAfter });
        return TokenStatus.Valid;
    }

    private static TokenDigest Digest(string candidate)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        // A token is a few hundred bytes; a longer header (up to Kestrel's limit) hashes from a rented buffer.
        var length = Encoding.UTF8.GetMaxByteCount(candidate.Length);
        var rented = length <= 2048 ? null : ArrayPool<byte>.Shared.Rent(length);
        Span<byte> utf8 = rented is null ? stackalloc byte[2048] : rented;
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(candidate, utf8)], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return new TokenDigest(
            BinaryPrimitives.ReadUInt64LittleEndian(hash), BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]), BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));
    }

    private readonly record struct TokenDigest(ulong A, ulong B, ulong C, ulong D);

    // The cache's expiry follows the server's TimeProvider, as the tokens' own expiry does (and tests' fake clock).
    private sealed class CacheClock(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
