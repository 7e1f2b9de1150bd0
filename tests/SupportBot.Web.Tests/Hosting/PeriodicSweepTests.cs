using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Conversations;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Hosting;

namespace SupportBot.Tests.Hosting;

public class PeriodicSweepTests
{
    [Fact]
    public async Task ASweepThatThrowsIsLoggedOnceAsAnErrorAndTheNextTicksSweepAgain()
    {
        var clock = new FakeTimeProvider();
        using var logs = new LogCapture();
        // A sweep that breaks twice the same way (a bug, a corrupt record), then works.
        using var sweep = new CountingSweep(clock, logs.CreateLogger("sweep"), failures: 2);
        await sweep.StartAsync(TestContext.Current.CancellationToken);

        await sweep.WaitForSweepsAsync(4);

        Assert.False(sweep.ExecuteTask!.IsFaulted, "the failure escaped the worker, which stops the host");
        var errors = logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.Equal("the sweep broke", Assert.Single(errors).Exception?.Message);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("works again", StringComparison.Ordinal));
        await sweep.StopAsync(TestContext.Current.CancellationToken);
    }

    private sealed class CountingSweep(FakeTimeProvider clock, ILogger logger, int failures)
        : PeriodicSweep(clock, Microsoft.Extensions.Options.Options.Create(new ConversationOptions()), logger)
    {
        private int _sweeps;

        protected override string LookingFor => "things";

        public override Task SweepAsync(CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _sweeps);
            return n <= failures ? Task.FromException(new InvalidOperationException("the sweep broke")) : Task.CompletedTask;
        }

        /// <summary>Moves the clock a tick at a time (the worker's timer starts on its own thread) until <paramref name="count"/> sweeps ran.</summary>
        public async Task WaitForSweepsAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Volatile.Read(ref _sweeps) < count)
            {
                clock.Advance(Options.RecoveryInterval);
                Assert.True(DateTime.UtcNow < deadline, $"{_sweeps} sweeps, not {count}: the worker stopped sweeping");
                await Task.Delay(10);
            }
        }
    }
}
