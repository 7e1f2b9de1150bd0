using SupportBot.Insights.Archive;

namespace SupportBot.Tests.Insights.Archive;

public sealed class SqliteArchiveTests : ArchiveContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("supportbot-archive-").FullName;

    protected override SqlConversationArchive CreateEmpty() => new SqliteConversationArchive(Path.Combine(_directory, $"{Guid.NewGuid():N}.db"), Clock);

    [Fact]
    public async Task ReadsRunOffTheThreadPoolSoCustomersTurnsNeverWaitBehindThem()
    {
        var archive = CreateEmpty();
        await archive.MigrateAsync();

        // Microsoft.Data.Sqlite's async calls block: on a pool thread a supervisor's page would hold one of the few every turn needs.
        Assert.False(await archive.ReadAsync((_, _) => Task.FromResult(Thread.CurrentThread.IsThreadPoolThread)));
    }

    [Fact]
    public async Task AtMostTwoReadsOrOneACoreRunAtOnceAndTheRestWait()
    {
        var archive = CreateEmpty();
        await archive.MigrateAsync();
        var cap = Math.Max(2, Environment.ProcessorCount);
        var (running, most) = (0, 0);
        using var gate = new ManualResetEventSlim();

        var reads = Enumerable.Range(0, cap + 4).Select(_ => archive.ReadAsync((_, _) =>
        {
            InterlockedMax(ref most, Interlocked.Increment(ref running));
            gate.Wait(TimeSpan.FromSeconds(10));
            Interlocked.Decrement(ref running);
            return Task.FromResult(0);
        })).ToList();
        for (var waited = 0; Volatile.Read(ref running) < cap && waited < 10_000; waited += 10)
        {
            await Task.Delay(10);
        }

        await Task.Delay(300); // time for a read past the cap to start, were there no cap
        Assert.Equal(cap, Volatile.Read(ref running));
        gate.Set();
        await Task.WhenAll(reads);
        Assert.Equal(cap, most);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
