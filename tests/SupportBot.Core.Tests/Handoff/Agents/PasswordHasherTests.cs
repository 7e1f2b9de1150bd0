using SupportBot.Handoff.Agents;

namespace SupportBot.Tests.Handoff.Agents;

public class PasswordHasherTests
{
    [Fact]
    public void AHashVerifiesTheSamePasswordAndNoOther()
    {
        var hash = PasswordHasher.Hash("correct horse ม้า");

        Assert.True(PasswordHasher.Verify("correct horse ม้า", hash));
        Assert.False(PasswordHasher.Verify("correct horse", hash));
        Assert.False(PasswordHasher.Verify("", hash));
    }

    [Fact]
    public void AHashNamesItsSchemeAndIterationsAndIsSaltedEachTime()
    {
        var first = PasswordHasher.Hash("secret");
        var second = PasswordHasher.Hash("secret");

        var parts = first.Split('$');
        Assert.Equal(["pbkdf2-sha256", "100000"], parts[..2]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.NotEqual(first, second);
        Assert.True(PasswordHasher.Verify("secret", second));
    }

    [Fact]
    public void AHashWithOtherIterationsStillVerifies()
    {
        // Raising the iteration count later must not lock out accounts hashed with the old one.
        var salt = new byte[16];
        var hash = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2("secret", salt, 1_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
        var stored = $"pbkdf2-sha256$1000${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";

        Assert.True(PasswordHasher.Verify("secret", stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("secret")]
    [InlineData("pbkdf2-sha256$100000$c2FsdA==")]
    [InlineData("pbkdf2-sha256$abc$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("pbkdf2-sha256$0$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("pbkdf2-sha256$-5$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("pbkdf2-sha256$999999999$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("pbkdf2-sha256$1000$not base64!$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("pbkdf2-sha256$1000$$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$")]
    [InlineData("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha1$1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")]
    [InlineData("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=$extra")]
    public void AMalformedHashIsAWrongPasswordNotAnError(string hash)
    {
        Assert.False(PasswordHasher.Verify("secret", hash));
    }

    [Fact]
    public void ANullHashIsAWrongPasswordNotAnError()
    {
        Assert.False(PasswordHasher.Verify("secret", null!));
    }

    [Fact]
    public void TheDummyVerificationDoesTheSameWorkAsARealOne()
    {
        var hash = PasswordHasher.Hash("secret");
        PasswordHasher.VerifyDummy("warm-up");
        PasswordHasher.Verify("warm-up", hash);

        var real = Time(() => PasswordHasher.Verify("wrong", hash));
        var dummy = Time(() => PasswordHasher.VerifyDummy("wrong"));

        // Same PBKDF2 work, so the same order of time: a missing account does not answer in a fraction of it.
        Assert.InRange(dummy.TotalMilliseconds, real.TotalMilliseconds / 4, real.TotalMilliseconds * 4);
    }

    private static TimeSpan Time(Action action)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            action();
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            best = elapsed < best ? elapsed : best;
        }

        return best;
    }
}
