using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Conversations;
using SupportBot.Redis;

namespace SupportBot.Tests.Conversations;

public sealed class RedisTurnLockServerTests : TurnLockContract, IDisposable
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();
    private readonly List<ConnectionMultiplexer> _connections = [];

    protected override ITurnLock CreateLock(TimeSpan wait, TimeSpan? lease = null) => CreateLock(RedisTestServer.Connect(), wait, lease);

    private RedisTurnLock CreateLock(IConnectionMultiplexer redis, TimeSpan wait, TimeSpan? lease = null) =>
        new(redis, new RedisKeys(_prefix), Options.Create(new ConversationOptions { TurnLockWait = wait, TurnLockLease = lease ?? TimeSpan.FromSeconds(30) }),
            NullLogger<RedisTurnLock>.Instance);

    /// <summary>The lock as another server process has it: its own instance on its own connection.</summary>
    private async Task<RedisTurnLock> OtherProcessAsync(TimeSpan wait, TimeSpan? lease = null)
    {
        var connection = await RedisTestServer.ConnectAnotherAsync();
        _connections.Add(connection);
        return CreateLock(connection, wait, lease);
    }

    public void Dispose() => _connections.ForEach(c => c.Dispose());

    [Fact]
    public async Task ATurnOnOneProcessWaitsForTheConversationsTurnOnAnother() =>
        await AssertTheSecondWaitsForTheFirstAsync(CreateLock(Long), await OtherProcessAsync(Long));

    [Fact]
    public async Task ManyTurnsOnTwoProcessesRunOneAtATime()
    {
        var processes = new[] { CreateLock(Long), await OtherProcessAsync(Long) };

        await AssertOneAtATimeAsync(i => processes[i % 2]);
    }

    [Fact]
    public async Task TheLeaseOfAProcessThatDiedLapsesAndAnotherTakesOver()
    {
        var id = ActivityIds.NewId();
        var connection = await RedisTestServer.ConnectAnotherAsync();
        var dead = CreateLock(connection, Long, lease: TimeSpan.FromMilliseconds(500));
        await dead.AcquireAsync(id, CancellationToken.None); // never released, as after kill -9...
        connection.Dispose(); // ...and never renewed again
        var survivor = CreateLock(Long);

        var started = DateTime.UtcNow;
        await using var taken = await survivor.AcquireAsync(id, CancellationToken.None);

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ATurnThatOutlivedItsLeaseDoesNotReleaseTheNextHolders()
    {
        var id = ActivityIds.NewId();
        var slow = await OtherProcessAsync(Long, lease: TimeSpan.FromMilliseconds(300));
        var overdue = await slow.AcquireAsync(id, CancellationToken.None);
        // Its lease lapsed while it could not reach Redis to renew it.
        await RedisTestServer.Connect().GetDatabase().KeyDeleteAsync(new RedisKeys(_prefix).TurnLock(id));
        var next = CreateLock(Long);
        var current = await next.AcquireAsync(id, CancellationToken.None); // once the slow turn's lease lapsed

        await overdue.DisposeAsync();

        var third = await OtherProcessAsync(Short);
        await Assert.ThrowsAsync<TurnLockTimeoutException>(() => third.AcquireAsync(id, CancellationToken.None));
        await current.DisposeAsync();
        await (await third.AcquireAsync(id, CancellationToken.None)).DisposeAsync();
    }

    [Fact]
    public async Task AWaitPastTheLimitOnAnotherProcessFailsAndLeavesTheLeaseToItsHolder()
    {
        var id = ActivityIds.NewId();
        var holder = CreateLock(Long);
        var held = await holder.AcquireAsync(id, CancellationToken.None);
        var impatient = await OtherProcessAsync(Short);
        var key = new RedisKeys(_prefix).TurnLock(id);
        var token = await RedisTestServer.Connect().GetDatabase().StringGetAsync(key);

        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<TurnLockTimeoutException>(() => impatient.AcquireAsync(id, CancellationToken.None));

        Assert.InRange(DateTime.UtcNow - started, Short - TimeSpan.FromMilliseconds(50), Short + TimeSpan.FromSeconds(2));
        Assert.Equal(token, await RedisTestServer.Connect().GetDatabase().StringGetAsync(key));
        await held.DisposeAsync();
        Assert.False(await RedisTestServer.Connect().GetDatabase().KeyExistsAsync(key));
        await (await impatient.AcquireAsync(id, CancellationToken.None)).DisposeAsync();
    }

    [Fact]
    public async Task ALongTurnKeepsItsLeaseWhileItRuns()
    {
        var id = ActivityIds.NewId();
        var holder = await OtherProcessAsync(Long, lease: TimeSpan.FromSeconds(1));
        await using var held = await holder.AcquireAsync(id, CancellationToken.None);

        await Task.Delay(TimeSpan.FromSeconds(2.5)); // the turn runs for well over its lease
        var other = CreateLock(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAsync<TurnLockTimeoutException>(() => other.AcquireAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task AConversationWhoseTurnHolderDiedIsFreeWithinAFewSecondsByDefault()
    {
        var id = ActivityIds.NewId();
        var defaults = new ConversationOptions();
        // What a process killed mid-turn leaves behind: its lease, taken with the default length, never renewed or released.
        await RedisTestServer.Connect().GetDatabase().StringSetAsync(new RedisKeys(_prefix).TurnLock(id), "dead-turn", defaults.TurnLockLease);
        var survivor = CreateLock(RedisTestServer.Connect(), defaults.TurnLockWait, defaults.TurnLockLease);

        var started = DateTime.UtcNow;
        await using var taken = await survivor.AcquireAsync(id, CancellationToken.None);

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(5.5));
    }
}
