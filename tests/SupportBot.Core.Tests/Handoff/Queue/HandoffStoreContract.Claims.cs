using SupportBot.Handoff.Queue;

namespace SupportBot.Tests.Handoff.Queue;

public abstract partial class HandoffStoreContract
{
    [Fact]
    public async Task AClaimGivesTheConversationToTheAgentAndTakesItOutOfTheQueue()
    {
        var store = CreateStore();
        var record = await QueueAsync(store);
        var other = await QueueAsync(store, Waiting(queuedAt: T0.AddMinutes(1)));

        var outcome = await store.ClaimAsync(record.ConversationId, "agent-a", "Anna", 3, T0.AddMinutes(2));

        Assert.Equal(ClaimOutcome.Claimed, outcome);
        var claimed = (await store.GetAsync(record.ConversationId))!;
        Assert.Equal((HandoffStage.Assigned, "agent-a", "Anna", T0.AddMinutes(2)), (claimed.Stage, claimed.AgentId, claimed.AgentName, claimed.ClaimedAt));
        Assert.Equal([other.ConversationId], (await store.WaitingAsync()).Select(r => r.ConversationId));
        Assert.Equal([record.ConversationId], (await store.ActiveAsync("agent-a")).Select(r => r.ConversationId));
        Assert.Equal(1, await store.ActiveCountAsync("agent-a"));
    }

    [Fact]
    public async Task ClaimingAConversationAnotherAgentOwnsIsTakenAndLeavesTheOwner()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");

        Assert.Equal(ClaimOutcome.Taken, await store.ClaimAsync(id, "agent-b", "Bo", 3, T0.AddMinutes(2)));
        Assert.Equal(ClaimOutcome.Taken, await store.ClaimAsync(id, "agent-a", "Anna", 3, T0.AddMinutes(2)));
        Assert.Equal("agent-a", (await store.GetAsync(id))!.AgentId);
        Assert.Equal(0, await store.ActiveCountAsync("agent-b"));
    }

    [Fact]
    public async Task ClaimingAnEndedConversationIsTaken()
    {
        var store = CreateStore();
        var record = await QueueAsync(store);
        await store.EndAsync(record.ConversationId, null, HandoffStage.Abandoned, null, T0.AddMinutes(1));

        Assert.Equal(ClaimOutcome.Taken, await store.ClaimAsync(record.ConversationId, "agent-a", "Anna", 3, T0.AddMinutes(2)));
        Assert.Equal(HandoffStage.Abandoned, (await store.GetAsync(record.ConversationId))!.Stage);
    }

    [Fact]
    public async Task ClaimingAnUnknownConversationIsNotFound()
    {
        var store = CreateStore();

        Assert.Equal(ClaimOutcome.NotFound, await store.ClaimAsync("never-queued", "agent-a", "Anna", 3, T0));
        Assert.Equal(0, await store.ActiveCountAsync("agent-a"));
    }

    [Fact]
    public async Task AnAgentAtCapacityCannotClaimAndTheConversationKeepsWaiting()
    {
        var store = CreateStore();
        await AssignAsync(store, "agent-a", capacity: 2);
        await AssignAsync(store, "agent-a", capacity: 2);
        var third = await QueueAsync(store);

        Assert.Equal(ClaimOutcome.AtCapacity, await store.ClaimAsync(third.ConversationId, "agent-a", "Anna", 2, T0.AddMinutes(2)));
        Assert.Equal(HandoffStage.Queued, (await store.GetAsync(third.ConversationId))!.Stage);
        Assert.Equal([third.ConversationId], (await store.WaitingAsync()).Select(r => r.ConversationId));
        Assert.Equal(2, await store.ActiveCountAsync("agent-a"));
    }

    [Fact]
    public async Task OfFiftyAgentsClaimingOneConversationAtOnceExactlyOneWins()
    {
        var store = CreateStore();
        var record = await QueueAsync(store);

        var claims = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
            (Agent: $"agent-{i}", Outcome: await store.ClaimAsync(record.ConversationId, $"agent-{i}", $"Agent {i}", 3, T0.AddMinutes(1)))));
        var outcomes = await Task.WhenAll(claims);

        var winner = Assert.Single(outcomes, o => o.Outcome == ClaimOutcome.Claimed);
        Assert.All(outcomes.Where(o => o != winner), o => Assert.Equal(ClaimOutcome.Taken, o.Outcome));
        var owned = (await store.GetAsync(record.ConversationId))!;
        Assert.Equal((winner.Agent, $"Agent {winner.Agent[6..]}"), (owned.AgentId, owned.AgentName));
        Assert.Empty(await store.WaitingAsync());
        foreach (var (agent, _) in outcomes)
        {
            Assert.Equal(agent == winner.Agent ? 1 : 0, await store.ActiveCountAsync(agent));
        }
    }

    [Fact]
    public async Task ParallelClaimsByOneAgentNeverGoOverCapacity()
    {
        var store = CreateStore();
        var records = new List<HandoffRecord>();
        for (var i = 0; i < 20; i++)
        {
            records.Add(await QueueAsync(store, Waiting(queuedAt: T0.AddSeconds(i))));
        }

        var claims = records.Select(r => Task.Run(() => store.ClaimAsync(r.ConversationId, "agent-a", "Anna", 3, T0.AddMinutes(1))));
        var outcomes = await Task.WhenAll(claims);

        Assert.Equal(3, outcomes.Count(o => o == ClaimOutcome.Claimed));
        Assert.Equal(17, outcomes.Count(o => o == ClaimOutcome.AtCapacity));
        Assert.Equal(3, await store.ActiveCountAsync("agent-a"));
        Assert.Equal(3, (await store.ActiveAsync("agent-a")).Count);
        Assert.Equal(17, (await store.WaitingAsync()).Count);
    }

    [Fact]
    public async Task ActiveListsOnlyTheConversationsTheAgentOwns()
    {
        var store = CreateStore();
        var mine = await AssignAsync(store, "agent-a");
        var theirs = await AssignAsync(store, "agent-b");
        var closed = await AssignAsync(store, "agent-a");
        await QueueAsync(store);
        await store.EndAsync(closed, "agent-a", HandoffStage.Closed, Resolution(), T0.AddMinutes(3));

        var active = await store.ActiveAsync("agent-a");

        var only = Assert.Single(active);
        Assert.Equal((mine, HandoffStage.Assigned), (only.ConversationId, only.Stage));
        Assert.Equal(1, await store.ActiveCountAsync("agent-a"));
        Assert.Equal([theirs], (await store.ActiveAsync("agent-b")).Select(r => r.ConversationId));
        Assert.Empty(await store.ActiveAsync("agent-nobody"));
    }
}
