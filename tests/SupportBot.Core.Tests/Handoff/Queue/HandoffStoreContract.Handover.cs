using SupportBot.Handoff.Queue;

namespace SupportBot.Tests.Handoff.Queue;

public abstract partial class HandoffStoreContract
{
    [Fact]
    public async Task TransferMovesTheConversationToTheOtherAgent()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");

        var outcome = await store.TransferAsync(id, "agent-a", "agent-b", "Bo", 3, T0.AddMinutes(5));

        Assert.Equal(ClaimOutcome.Claimed, outcome);
        var moved = (await store.GetAsync(id))!;
        Assert.Equal((HandoffStage.Assigned, "agent-b", "Bo", T0.AddMinutes(5)), (moved.Stage, moved.AgentId, moved.AgentName, moved.ClaimedAt));
        Assert.Equal(0, await store.ActiveCountAsync("agent-a"));
        Assert.Equal([id], (await store.ActiveAsync("agent-b")).Select(r => r.ConversationId));
    }

    [Fact]
    public async Task OnlyTheOwnerMayTransfer()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");
        var waiting = await QueueAsync(store);

        Assert.Equal(ClaimOutcome.NotOwner, await store.TransferAsync(id, "agent-c", "agent-b", "Bo", 3, T0.AddMinutes(5)));
        Assert.Equal(ClaimOutcome.NotOwner, await store.TransferAsync(waiting.ConversationId, "agent-a", "agent-b", "Bo", 3, T0.AddMinutes(5)));
        Assert.Equal(ClaimOutcome.NotFound, await store.TransferAsync("never-queued", "agent-a", "agent-b", "Bo", 3, T0.AddMinutes(5)));
        Assert.Equal("agent-a", (await store.GetAsync(id))!.AgentId);
        Assert.Equal(HandoffStage.Queued, (await store.GetAsync(waiting.ConversationId))!.Stage);
        Assert.Equal(0, await store.ActiveCountAsync("agent-b"));
    }

    [Fact]
    public async Task TransferToAnAgentAtCapacityIsRefusedAndChangesNothing()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");
        await AssignAsync(store, "agent-b", capacity: 1);

        Assert.Equal(ClaimOutcome.AtCapacity, await store.TransferAsync(id, "agent-a", "agent-b", "Bo", 1, T0.AddMinutes(5)));

        var unchanged = (await store.GetAsync(id))!;
        Assert.Equal(("agent-a", T0.AddMinutes(1)), (unchanged.AgentId, unchanged.ClaimedAt));
        Assert.Equal((1, 1), (await store.ActiveCountAsync("agent-a"), await store.ActiveCountAsync("agent-b")));
    }

    [Fact]
    public async Task TransferToTheOwnerThemselvesIsANoOpEvenAtCapacity()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a", capacity: 1);

        Assert.Equal(ClaimOutcome.Claimed, await store.TransferAsync(id, "agent-a", "agent-a", "Anna again", 1, T0.AddMinutes(5)));

        var unchanged = (await store.GetAsync(id))!;
        Assert.Equal(("agent-a", "Agent agent-a", T0.AddMinutes(1)), (unchanged.AgentId, unchanged.AgentName, unchanged.ClaimedAt));
        Assert.Equal(1, await store.ActiveCountAsync("agent-a"));
    }

    [Fact]
    public async Task RequeuePutsTheConversationBackInItsOriginalPlace()
    {
        var store = CreateStore();
        var first = await QueueAsync(store, Waiting(priority: 1, queuedAt: T0));
        var second = await QueueAsync(store, Waiting(priority: 1, queuedAt: T0.AddMinutes(1)));
        var third = await QueueAsync(store, Waiting(priority: 0, queuedAt: T0.AddSeconds(30)));
        await store.SetAnnouncedPositionAsync(second.ConversationId, 2);
        await store.ClaimAsync(second.ConversationId, "agent-a", "Anna", 3, T0.AddMinutes(2));
        await QueueAsync(store, Waiting(priority: 1, queuedAt: T0.AddMinutes(3)));

        Assert.Equal(ClaimOutcome.Claimed, await store.RequeueAsync(second.ConversationId, "agent-a"));

        var waiting = await store.WaitingAsync();
        Assert.Equal(second.ConversationId, waiting[1].ConversationId);
        Assert.Equal(third.ConversationId, waiting[3].ConversationId);
        Assert.Equal(first.ConversationId, waiting[0].ConversationId);
        var requeued = waiting[1];
        Assert.Equal((HandoffStage.Queued, 1, T0.AddMinutes(1)), (requeued.Stage, requeued.Priority, requeued.QueuedAt));
        Assert.Equal((null, null, null), (requeued.AgentId, requeued.AgentName, requeued.ClaimedAt));
        Assert.Equal(0, requeued.AnnouncedPosition);
        Assert.Equal(0, await store.ActiveCountAsync("agent-a"));
        Assert.Equal(ClaimOutcome.Claimed, await store.ClaimAsync(second.ConversationId, "agent-b", "Bo", 3, T0.AddMinutes(4)));
    }

    [Fact]
    public async Task OnlyTheOwnerMayRequeue()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");
        var waiting = await QueueAsync(store);

        Assert.Equal(ClaimOutcome.NotOwner, await store.RequeueAsync(id, "agent-b"));
        Assert.Equal(ClaimOutcome.NotOwner, await store.RequeueAsync(waiting.ConversationId, "agent-a"));
        Assert.Equal(ClaimOutcome.NotFound, await store.RequeueAsync("never-queued", "agent-a"));
        Assert.Equal((HandoffStage.Assigned, "agent-a"), ((await store.GetAsync(id))!.Stage, (await store.GetAsync(id))!.AgentId));
        Assert.Equal([waiting.ConversationId], (await store.WaitingAsync()).Select(r => r.ConversationId));
    }
}
