using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportBot.Tests.Infrastructure;

/// <summary>What an attacker holding some secret could sign: agent tokens made outside the server.</summary>
public static class AgentTokenForger
{
    /// <summary>The key the server derived from a secret under the agents' label (from DirectLine:Secret, before the fix).</summary>
    public static byte[] KeyFrom(string secret) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "supportbot/agents/token-signing"u8);

    public static string Sign(byte[] key, string subject, string[] roles, string audience = "supportbot-agents", string? sessionId = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["name"] = subject, ["roles"] = roles, ["aud"] = audience, ["iss"] = "supportbot" };
        if (sessionId is not null)
        {
            claims["sid"] = sessionId;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>An unsigned token ("alg":"none") claiming to be the agent.</summary>
    public static string Unsigned(string subject, string[] roles, string? sessionId = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["roles"] = roles, ["aud"] = "supportbot-agents", ["iss"] = "supportbot", ["sid"] = sessionId ?? "x" },
            Expires = DateTime.UtcNow.AddHours(1),
        });

    /// <summary>The session id ("sid") inside a token the server issued.</summary>
    public static string SessionOf(string token) => new JsonWebToken(token).TryGetPayloadValue<string>("sid", out var sid) ? sid : "";
}
