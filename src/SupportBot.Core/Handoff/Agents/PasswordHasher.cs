using System.Globalization;
using System.Security.Cryptography;

namespace SupportBot.Handoff.Agents;

/// <summary>
/// Agent passwords as "pbkdf2-sha256$iterations$salt$hash" (PBKDF2-SHA256, base64 salt and hash), the only form
/// kept in configuration or Redis.
/// </summary>
public static class PasswordHasher
{
    private const string Scheme = "pbkdf2-sha256";
    private const int Iterations = 100_000;
    private const int SaltSize = 16;
    private const int HashSize = 32;

    // Bounds on what a stored hash may ask for, so a corrupt entry cannot make Verify spin for minutes.
    private const int MaxIterations = 10_000_000;
    private const int MinHashSize = 16;
    private const int MaxHashSize = 64;

    private static readonly byte[] DummySalt = new byte[SaltSize];

    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, HashSize);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Whether the password matches; false, never an exception, for a hash that is not in this format.</summary>
    public static bool Verify(string password, string hash)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(hash, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>
    /// Does the work of verifying against a real hash and throws the result away. Call it when the account does not
    /// exist, so the time a sign-in takes does not tell an unknown name from a wrong password.
    /// </summary>
    public static void VerifyDummy(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, DummySalt, Iterations, HashAlgorithmName.SHA256, HashSize);
        CryptographicOperations.FixedTimeEquals(hash, hash);
    }

    private static bool TryParse(string? text, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = text?.Split('$');
        return parts is [Scheme, var count, var saltText, var hashText]
            && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            && iterations is > 0 and <= MaxIterations
            && TryDecode(saltText, out salt) && salt.Length > 0
            && TryDecode(hashText, out hash) && hash.Length is >= MinHashSize and <= MaxHashSize;
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var buffer = new byte[text.Length * 3 / 4];
        var ok = Convert.TryFromBase64String(text, buffer, out var written);
        bytes = ok ? buffer[..written] : [];
        return ok;
    }
}
