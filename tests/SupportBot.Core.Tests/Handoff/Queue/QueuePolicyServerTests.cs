using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Handoff;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Queue;
using SupportBot.Redis;
using SupportBot.Schema;

namespace SupportBot.Tests.Handoff.Queue;

/// <summary>Several server processes share one Redis: one of them at a time runs the queue policy.</summary>
public sealed class QueuePolicyServerTests
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();
    private readonly AnnouncementLog _announced = new();

    [Fact]
    public async Task OnlyOneProcessHoldsTheQueueLeaseAndAnotherTakesOverWhenTheHolderReleasesIt()
    {
        var (a, b) = (await StartAsync(), await StartAsync());

        Assert.True(await a.Lease.HoldAsync());
        Assert.False(await b.Lease.HoldAsync());
        Assert.True(await a.Lease.HoldAsync()); // the holder renews

        await a.Lease.ReleaseAsync();
        Assert.True(await b.Lease.HoldAsync());
        Assert.False(await a.Lease.HoldAsync());
    }

    [Fact]
    public async Task AnotherProcessTakesOverWithinTheLeaseTimeWhenTheHolderDies()
    {
        var leaseTime = TimeSpan.FromMilliseconds(800);
        var (a, b) = (await StartAsync(leaseTime), await StartAsync(leaseTime));
        Assert.True(await a.Lease.HoldAsync());

        await Task.Delay(leaseTime / 2);
        Assert.True(await a.Lease.HoldAsync()); // renewed: the lease runs from here
        await Task.Delay(leaseTime / 2 + TimeSpan.FromMilliseconds(100));
        Assert.False(await b.Lease.HoldAsync());

        await Task.Delay(leaseTime); // a stops renewing, as a dead process would
        Assert.True(await b.Lease.HoldAsync());
        Assert.False(await a.Lease.HoldAsync());
    }

    [Fact]
    public async Task AWaitingCustomerIsToldTheirPlaceOncePerChangeNotOncePerProcess()
    {
        var processes = new[] { await StartAsync(), await StartAsync(), await StartAsync() };
        var store = processes[0].Store;
        var waiting = new List<string>();
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < 4; i++)
        {
            var record = Waiting(start.AddSeconds(i)); // a second apart: the queue's order is the order of this list
            Assert.True(await store.EnqueueAsync(record));
            waiting.Add(record.ConversationId);
        }

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(processes.Select(p => p.TickAsync()));
            if (round < 2)
            {
                // The first in line leaves: everyone behind moves up a place.
                await store.EndAsync(waiting[0], null, HandoffStage.Abandoned, null, DateTimeOffset.UtcNow);
                waiting.RemoveAt(0);
            }
        }

        // 4 first places, then 3 and 2 customers moving up.
        Assert.Equal(4 + 3 + 2, _announced.All.Count);
        Assert.All(_announced.All.GroupBy(a => a), g => Assert.Single(g));
        Assert.Equal([1, 2, 3], _announced.All.Where(a => a.ConversationId == waiting[0]).Select(a => a.Position).Order());
    }

    private static HandoffRecord Waiting(DateTimeOffset queuedAt) => new()
    {
        ConversationId = $"conv-{Guid.NewGuid():N}",
        Reason = HandoffReasons.CustomerRequest,
        Language = "en",
        Skill = "general",
        Slots = new Dictionary<string, string>(),
        UserId = "user-1",
        QueuedAt = queuedAt,
        Stage = HandoffStage.Queued,
    };

    private async Task<PolicyProcess> StartAsync(TimeSpan? leaseTime = null)
    {
        RedisTestServer.Connect();
        var redis = await RedisTestServer.ConnectAnotherAsync();
        var keys = new RedisKeys(_prefix);
        var handoff = Options.Create(new HandoffOptions());
        var store = new RedisHandoffStore(redis, keys, handoff);
        var agents = Options.Create(new AgentsOptions());
        var directory = new AgentDirectory(agents, new MemoryAgentAccounts(), new MemoryAgentPresence(), store, TimeProvider.System);
        var policy = new QueuePolicy(store, directory, _announced, handoff, agents, TimeProvider.System, NullLogger<QueuePolicy>.Instance);
        return new PolicyProcess(store, new RedisQueueLease(redis, keys, leaseTime ?? RedisQueueLease.LeaseTime), policy);
    }

    /// <summary>One server process's part: what its HandoffCoordinator does each tick.</summary>
    private sealed record PolicyProcess(IHandoffStore Store, IQueueLease Lease, QueuePolicy Policy)
    {
        public async Task TickAsync()
        {
            if (await Lease.HoldAsync())
            {
                await Policy.PassAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>What customers were told, across every process.</summary>
    private sealed class AnnouncementLog : IQueueChannel
    {
        private readonly ConcurrentQueue<(string ConversationId, int Position)> _all = new();

        public IReadOnlyList<(string ConversationId, int Position)> All => [.. _all];

        public Task AnnouncePlaceAsync(HandoffRecord record, int position, int minutes, CancellationToken cancellationToken)
        {
            _all.Enqueue((record.ConversationId, position));
            return Task.CompletedTask;
        }

        public Task DeliverToBotAsync(string conversationId, Activity status, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ChatAssignedAsync(string agentId, HandoffRecord record, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task QueueAsync(IReadOnlyList<HandoffRecord> waiting, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task PresenceAsync(IReadOnlyList<AgentAccount> accounts, IReadOnlyList<OnlineAgent> online, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
