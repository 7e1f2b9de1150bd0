using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportBot.Agents;
using SupportBot.Web.DirectLine;

namespace SupportBot.Web.Agents;

/// <summary>
/// Issues and checks agents' bearer tokens: compact JWTs (HS256) whose key is derived from Agents:TokenSecret (or
/// DirectLine:Secret) under a label of their own, so a customer's Direct Line token never verifies as an agent's.
/// </summary>
public sealed class AgentTokens
{
    private const string Audience = "supportbot-agents";
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    public AgentTokens(IOptions<AgentsOptions> agents, IOptions<DirectLineOptions> directLine, TimeProvider clock, ILogger<AgentTokens> logger)
    {
        _clock = clock;
        Lifetime = agents.Value.TokenLifetime;
        var secret = agents.Value.TokenSecret is { Length: > 0 } own ? own : directLine.Value.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            _key = RandomNumberGenerator.GetBytes(32);
            logger.LogWarning("Agents:TokenSecret (and DirectLine:Secret) are not set: agent sign-ins work only on this process.");
        }
        else
        {
            _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "supportbot/agents/token-signing"u8);
        }
    }

    public TimeSpan Lifetime { get; }

    public string Issue(AgentAccount account)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new TokenPayload(
            account.Id, account.Name, [.. account.Roles], Audience, (_clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds()));
        var signed = $"{Header}.{Base64Url.EncodeToString(payload)}";
        return $"{signed}.{Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signed)))}";
    }

    /// <summary>The agent the token names, or null when it is forged, for someone else's audience, or expired.</summary>
    public SignedInAgent? Validate(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 } || parts[0] != Header)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(parts[2])))
            {
                return null;
            }

            var payload = JsonSerializer.Deserialize<TokenPayload>(Base64Url.DecodeFromChars(parts[1]));
            return payload is { Aud: Audience, Sub.Length: > 0 } && payload.Exp > _clock.GetUtcNow().ToUnixTimeSeconds()
                ? new SignedInAgent(payload.Sub, payload.Name ?? payload.Sub, payload.Roles ?? [])
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private sealed record TokenPayload(
        [property: System.Text.Json.Serialization.JsonPropertyName("sub")] string Sub,
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string? Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("roles")] string[]? Roles,
        [property: System.Text.Json.Serialization.JsonPropertyName("aud")] string Aud,
        [property: System.Text.Json.Serialization.JsonPropertyName("exp")] long Exp);
}
