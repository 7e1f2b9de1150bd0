using SupportBot.Handoff.Agents;

namespace SupportBot.Tests.Handoff.Agents;

/// <summary>What every <see cref="ISignInThrottle"/> must do; run against the in-memory twin and against real Redis.</summary>
public abstract class SignInThrottleContract
{
    protected static readonly AgentsOptions Limits = new()
    {
        SignInFailuresPerAddress = 3,
        SignInFailureWindow = TimeSpan.FromSeconds(2),
        SignInFailuresBeforeBackoff = 5,
        SignInBackoffMax = TimeSpan.FromSeconds(4),
        SignInTrustedAddressLifetime = TimeSpan.FromHours(1),
    };

    protected abstract ISignInThrottle CreateThrottle();

    /// <summary>Lets time pass for the store: a fake clock for the twin, real time for Redis (windows are short).</summary>
    protected abstract Task PassTimeAsync(TimeSpan time);

    [Fact]
    public async Task AnAddressIsRefusedAfterItsFailuresUntilTheWindowEnds()
    {
        var throttle = CreateThrottle();
        var permits = new List<SignInPermit>();
        for (var i = 0; i < 4; i++)
        {
            permits.Add(await throttle.TryBeginAsync("anna", "10.0.0.1"));
        }

        Assert.Equal([true, true, true, false], permits.Select(p => p.Allowed));
        Assert.InRange(permits[3].RetryAfter, TimeSpan.FromSeconds(1), Limits.SignInFailureWindow);
        await PassTimeAsync(Limits.SignInFailureWindow + TimeSpan.FromSeconds(0.5));
        Assert.True((await throttle.TryBeginAsync("anna", "10.0.0.1")).Allowed);
    }

    [Fact]
    public async Task ConcurrentReservationsNeverExceedTheLimit()
    {
        var throttle = CreateThrottle();

        var permits = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => throttle.TryBeginAsync("anna", "10.0.0.1")));

        Assert.Equal(Limits.SignInFailuresPerAddress, permits.Count(p => p.Allowed));
    }

    [Fact]
    public async Task OneAddressesFailuresDoNotRefuseAnotherAddressOrAnotherName()
    {
        var throttle = CreateThrottle();
        await FailAsync(throttle, "anna", "10.0.0.1", 3);

        Assert.False((await throttle.TryBeginAsync("Anna ", "10.0.0.1")).Allowed);
        Assert.True((await throttle.TryBeginAsync("anna", "10.0.0.2")).Allowed);
        Assert.True((await throttle.TryBeginAsync("bo", "10.0.0.1")).Allowed);
    }

    [Fact]
    public async Task ASuccessTakesItsCheckBackAndClearsTheAddress()
    {
        var throttle = CreateThrottle();
        await FailAsync(throttle, "anna", "10.0.0.1", 2);
        Assert.True((await throttle.TryBeginAsync("anna", "10.0.0.1")).Allowed);

        await throttle.SucceededAsync("anna", "10.0.0.1");

        await FailAsync(throttle, "anna", "10.0.0.1", 3);
        Assert.False((await throttle.TryBeginAsync("anna", "10.0.0.1")).Allowed);
    }

    [Fact]
    public async Task FailuresFromManyAddressesBackOffNewAddressesNoLongerThanTheMaximum()
    {
        var throttle = CreateThrottle();
        for (var i = 0; i < 5; i++)
        {
            await FailAsync(throttle, "anna", $"10.0.1.{i}", 1);
        }

        var refused = await throttle.TryBeginAsync("anna", "10.0.2.1");
        await PassTimeAsync(refused.RetryAfter + TimeSpan.FromSeconds(0.2));
        var later = await throttle.TryBeginAsync("anna", "10.0.2.1");

        Assert.False(refused.Allowed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(0.5), Limits.SignInBackoffMax);
        Assert.True(later.Allowed);
    }

    [Fact]
    public async Task AnAddressTheAccountSignedInFromIsExemptFromTheAccountWideBackOff()
    {
        var throttle = CreateThrottle();
        Assert.True((await throttle.TryBeginAsync("anna", "10.0.9.9")).Allowed);
        await throttle.SucceededAsync("anna", "10.0.9.9");
        for (var i = 0; i < 5; i++)
        {
            await FailAsync(throttle, "anna", $"10.0.1.{i}", 1);
        }

        Assert.False((await throttle.TryBeginAsync("anna", "10.0.2.1")).Allowed);
        Assert.True((await throttle.TryBeginAsync("anna", "10.0.9.9")).Allowed);
    }

    [Fact]
    public async Task TheListShowsBlockedAddressesAndTheAccountWideBackOff()
    {
        var throttle = CreateThrottle();
        await FailAsync(throttle, "anna", "10.0.0.1", 3);
        await FailAsync(throttle, "anna", "10.0.0.2", 2);
        await FailAsync(throttle, "bo", "10.0.0.3", 1);

        var lockouts = await throttle.ListAsync();

        var blocked = Assert.Single(lockouts, l => l.ClientAddress is not null);
        Assert.Equal(("anna", "10.0.0.1", 3), (blocked.Account, blocked.ClientAddress, blocked.Failures));
        Assert.True(blocked.BlockedUntil > DateTimeOffset.UtcNow.AddYears(-1));
        var accountWide = Assert.Single(lockouts, l => l.ClientAddress is null);
        Assert.Equal(("anna", 5), (accountWide.Account, accountWide.Failures));
    }

    [Fact]
    public async Task ClearingAnAccountLiftsEveryThrottleOfItOnly()
    {
        var throttle = CreateThrottle();
        await FailAsync(throttle, "anna", "10.0.0.1", 3);
        await FailAsync(throttle, "anna", "10.0.0.2", 2); // and anna is in her account-wide back-off
        await FailAsync(throttle, "bo", "10.0.0.1", 3);
        Assert.False((await throttle.TryBeginAsync("anna", "10.0.0.2")).Allowed);

        await throttle.ClearAsync("ANNA");

        Assert.True((await throttle.TryBeginAsync("anna", "10.0.0.1")).Allowed);
        Assert.True((await throttle.TryBeginAsync("anna", "10.0.0.2")).Allowed);
        Assert.False((await throttle.TryBeginAsync("bo", "10.0.0.1")).Allowed);
        Assert.All(await throttle.ListAsync(), l => Assert.Equal("bo", l.Account));
    }

    private static async Task FailAsync(ISignInThrottle throttle, string account, string address, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True((await throttle.TryBeginAsync(account, address)).Allowed, $"check {i + 1} from {address} was refused");
        }
    }
}
