using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Handoff;
using SupportBot.Handoff.Queue;
using SupportBot.Redis;

namespace SupportBot.Tests.Handoff.Queue;

public class RedisHandoffStoreServerTests : HandoffStoreContract
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();

    protected override IHandoffStore CreateStore() => CreateStore(RedisTestServer.Connect(), TimeSpan.FromDays(90));

    private RedisHandoffStore CreateStore(IConnectionMultiplexer redis, TimeSpan retention) =>
        new(redis, new RedisKeys(_prefix), Options.Create(new HandoffOptions { RecordRetention = retention }));

    [Fact]
    public async Task TheRecordTheNotesAndTheEndedHistoryExpireAfterTheRetention()
    {
        var redis = RedisTestServer.Connect();
        var store = CreateStore(redis, TimeSpan.FromDays(30));
        var id = await AssignAsync(store, "agent-a");
        await store.AddNoteAsync(id, new AgentNote("agent-a", "Anna", "note", T0));
        await store.EndAsync(id, "agent-a", HandoffStage.Closed, null, DateTimeOffset.UtcNow);

        var keys = new RedisKeys(_prefix);
        var db = redis.GetDatabase();
        foreach (var key in new[] { keys.Handoff(id), keys.HandoffNotes(id), keys.HandoffEnded })
        {
            Assert.InRange((await db.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));
        }
    }

    [Fact]
    public async Task EndedHandoffsOlderThanTheRetentionAreDroppedWhenAnotherEnds()
    {
        var store = CreateStore(RedisTestServer.Connect(), TimeSpan.FromDays(30));
        var old = await AssignAsync(store, "agent-a");
        await store.EndAsync(old, "agent-a", HandoffStage.Closed, null, T0);
        var recent = await AssignAsync(store, "agent-a");

        await store.EndAsync(recent, "agent-a", HandoffStage.Closed, null, T0.AddDays(31));

        Assert.Equal([recent], (await store.EndedAsync(T0.AddYears(-1), T0.AddYears(1))).Select(r => r.ConversationId));
    }

    [Fact]
    public async Task AgentsOnTwoServerProcessesClaimingOneConversationHaveOneWinner()
    {
        using var otherConnection = await RedisTestServer.ConnectAnotherAsync();
        var first = CreateStore(RedisTestServer.Connect(), TimeSpan.FromDays(1));
        var second = CreateStore(otherConnection, TimeSpan.FromDays(1));
        var record = await QueueAsync(first);

        var claims = Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? first : second).ClaimAsync(record.ConversationId, $"agent-{i}", $"Agent {i}", 1, T0.AddMinutes(1)));
        var outcomes = await Task.WhenAll(claims);

        Assert.Single(outcomes, o => o == ClaimOutcome.Claimed);
        Assert.Equal(HandoffStage.Assigned, (await second.GetAsync(record.ConversationId))!.Stage);
    }
}
