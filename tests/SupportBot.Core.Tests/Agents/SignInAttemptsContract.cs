using SupportBot.Agents;

namespace SupportBot.Tests.Agents;

/// <summary>What every <see cref="ISignInAttempts"/> must do; run against the in-memory twin and against real Redis.</summary>
public abstract class SignInAttemptsContract
{
    protected abstract ISignInAttempts CreateAttempts();

    /// <summary>Lets time pass for the store: a fake clock for the twin, real time for Redis (windows are short).</summary>
    protected abstract Task PassTimeAsync(TimeSpan time);

    [Fact]
    public async Task FailuresWithinTheWindowAddUp()
    {
        var attempts = CreateAttempts();

        Assert.Equal(1, await attempts.FailedAsync("anna", TimeSpan.FromHours(1)));
        Assert.Equal(2, await attempts.FailedAsync("anna", TimeSpan.FromHours(1)));
        Assert.Equal(3, await attempts.FailedAsync("anna", TimeSpan.FromHours(1)));

        Assert.Equal(3, await attempts.CountAsync("anna"));
    }

    [Fact]
    public async Task ANameThatNeverFailedCountsZero()
    {
        Assert.Equal(0, await CreateAttempts().CountAsync("anna"));
    }

    [Fact]
    public async Task NamesCountSeparatelyIgnoringCaseAndSurroundingSpaces()
    {
        var attempts = CreateAttempts();

        await attempts.FailedAsync("anna", TimeSpan.FromHours(1));
        await attempts.FailedAsync("Anna ", TimeSpan.FromHours(1));
        await attempts.FailedAsync("bo", TimeSpan.FromHours(1));

        Assert.Equal((2, 1), (await attempts.CountAsync("ANNA"), await attempts.CountAsync("bo")));
    }

    [Fact]
    public async Task ResetClearsTheCount()
    {
        var attempts = CreateAttempts();
        await attempts.FailedAsync("anna", TimeSpan.FromHours(1));
        await attempts.FailedAsync("anna", TimeSpan.FromHours(1));

        await attempts.ResetAsync("anna");

        Assert.Equal(0, await attempts.CountAsync("anna"));
        Assert.Equal(1, await attempts.FailedAsync("anna", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task TheCountLapsesAWindowAfterTheFirstFailure()
    {
        var attempts = CreateAttempts();
        await attempts.FailedAsync("anna", TimeSpan.FromSeconds(1));

        await PassTimeAsync(TimeSpan.FromSeconds(1.5));

        Assert.Equal(0, await attempts.CountAsync("anna"));
        Assert.Equal(1, await attempts.FailedAsync("anna", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task LaterFailuresDoNotStretchTheWindow()
    {
        var attempts = CreateAttempts();
        await attempts.FailedAsync("anna", TimeSpan.FromSeconds(2));
        Assert.Equal(2, await attempts.FailedAsync("anna", TimeSpan.FromHours(1)));

        await PassTimeAsync(TimeSpan.FromSeconds(2.5));

        Assert.Equal(0, await attempts.CountAsync("anna"));
    }
}
