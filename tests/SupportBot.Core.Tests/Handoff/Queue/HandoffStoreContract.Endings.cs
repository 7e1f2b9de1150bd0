using SupportBot.Handoff.Queue;

namespace SupportBot.Tests.Handoff.Queue;

public abstract partial class HandoffStoreContract
{
    [Fact]
    public async Task TheOwnerClosesWithAResolutionAndTheEndedCopyIsKept()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");

        var ended = await store.EndAsync(id, "agent-a", HandoffStage.Closed, Resolution(), T0.AddMinutes(9));

        Assert.NotNull(ended);
        Assert.Equal((HandoffStage.Closed, T0.AddMinutes(9), "agent-a"), (ended.Stage, ended.EndedAt, ended.AgentId));
        Assert.Equivalent(Resolution(), ended.Resolution, strict: true);
        Assert.Equivalent(ended, await store.GetAsync(id), strict: true);
        Assert.Equivalent(ended, Assert.Single(await store.EndedAsync(T0, T0.AddHours(1))), strict: true);
        Assert.Equal(0, await store.ActiveCountAsync("agent-a"));
        Assert.Empty(await store.ActiveAsync("agent-a"));
    }

    [Fact]
    public async Task TheOwnerMayReturnTheConversationToTheBot()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");

        var ended = await store.EndAsync(id, "agent-a", HandoffStage.ReturnedToBot, null, T0.AddMinutes(9));

        Assert.Equal(HandoffStage.ReturnedToBot, ended!.Stage);
        Assert.Null(ended.Resolution);
        Assert.Equal(0, await store.ActiveCountAsync("agent-a"));
    }

    [Fact]
    public async Task EndByAnAgentWhoDoesNotOwnTheConversationIsRefusedAndChangesNothing()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");
        var before = await store.GetAsync(id);

        Assert.Null(await store.EndAsync(id, "agent-b", HandoffStage.Closed, Resolution(), T0.AddMinutes(9)));
        Assert.Null(await store.EndAsync(id, null, HandoffStage.Abandoned, null, T0.AddMinutes(9)));

        Assert.Equivalent(before, await store.GetAsync(id), strict: true);
        Assert.Equal(1, await store.ActiveCountAsync("agent-a"));
        Assert.Empty(await store.EndedAsync(T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task AnOwnerCannotEndWithAStageThatIsNotAnAgentsEnd()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");

        Assert.Null(await store.EndAsync(id, "agent-a", HandoffStage.Abandoned, null, T0.AddMinutes(9)));
        Assert.Null(await store.EndAsync(id, "agent-a", HandoffStage.Queued, null, T0.AddMinutes(9)));

        Assert.Equal(HandoffStage.Assigned, (await store.GetAsync(id))!.Stage);
        Assert.Empty(await store.EndedAsync(T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task AWaitingConversationIsAbandonedAndLeavesTheQueue()
    {
        var store = CreateStore();
        var record = await QueueAsync(store);

        var ended = await store.EndAsync(record.ConversationId, null, HandoffStage.Abandoned, null, T0.AddMinutes(3));

        Assert.Equal((HandoffStage.Abandoned, T0.AddMinutes(3), null), (ended!.Stage, ended.EndedAt, ended.AgentId));
        Assert.Empty(await store.WaitingAsync());
        Assert.Single(await store.EndedAsync(T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task WithoutAnAgentOnlyAbandonedIsAllowedAndOnlyWhileWaiting()
    {
        var store = CreateStore();
        var waiting = await QueueAsync(store);
        var assigned = await AssignAsync(store, "agent-a");

        Assert.Null(await store.EndAsync(waiting.ConversationId, null, HandoffStage.Closed, Resolution(), T0.AddMinutes(3)));
        Assert.Null(await store.EndAsync(waiting.ConversationId, "agent-a", HandoffStage.Closed, Resolution(), T0.AddMinutes(3)));
        Assert.Null(await store.EndAsync(assigned, null, HandoffStage.Abandoned, null, T0.AddMinutes(3)));
        Assert.Null(await store.EndAsync("never-queued", null, HandoffStage.Abandoned, null, T0.AddMinutes(3)));

        Assert.Equal(HandoffStage.Queued, (await store.GetAsync(waiting.ConversationId))!.Stage);
        Assert.Equal(HandoffStage.Assigned, (await store.GetAsync(assigned))!.Stage);
        Assert.Single(await store.WaitingAsync());
    }

    [Fact]
    public async Task AnEndedHandoffCannotBeEndedAgain()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");
        await store.EndAsync(id, "agent-a", HandoffStage.Closed, Resolution(), T0.AddMinutes(5));

        Assert.Null(await store.EndAsync(id, "agent-a", HandoffStage.ReturnedToBot, null, T0.AddMinutes(6)));

        Assert.Equal((HandoffStage.Closed, T0.AddMinutes(5)), ((await store.GetAsync(id))!.Stage, (await store.GetAsync(id))!.EndedAt));
        Assert.Single(await store.EndedAsync(T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task EndedReturnsTheHandoffsThatEndedInTheWindowOldestFirst()
    {
        var store = CreateStore();
        var ids = new List<string>();
        foreach (var minutes in new[] { 30, 10, 20, 60 })
        {
            var id = await AssignAsync(store, "agent-a", capacity: 10);
            await store.EndAsync(id, "agent-a", HandoffStage.Closed, Resolution(), T0.AddMinutes(minutes));
            ids.Add(id);
        }

        var ended = await store.EndedAsync(T0.AddMinutes(10), T0.AddMinutes(60));

        Assert.Equal([ids[1], ids[2], ids[0]], ended.Select(r => r.ConversationId));
        Assert.All(ended, r => Assert.Equal("refund_request", r.Resolution!.Intent));
        Assert.Empty(await store.EndedAsync(T0.AddMinutes(61), T0.AddHours(2)));
    }

    [Fact]
    public async Task AConversationThatEndsTwiceHasTwoEndedCopies()
    {
        var store = CreateStore();
        var record = await QueueAsync(store);
        await store.EndAsync(record.ConversationId, null, HandoffStage.Abandoned, null, T0.AddMinutes(1));
        await store.EnqueueAsync(Waiting(record.ConversationId, queuedAt: T0.AddMinutes(2)));
        await store.ClaimAsync(record.ConversationId, "agent-a", "Anna", 3, T0.AddMinutes(3));
        await store.EndAsync(record.ConversationId, "agent-a", HandoffStage.Closed, Resolution(), T0.AddMinutes(4));

        var ended = await store.EndedAsync(T0, T0.AddHours(1));

        Assert.Equal([HandoffStage.Abandoned, HandoffStage.Closed], ended.Select(r => r.Stage));
        Assert.All(ended, r => Assert.Equal(record.ConversationId, r.ConversationId));
    }
}
