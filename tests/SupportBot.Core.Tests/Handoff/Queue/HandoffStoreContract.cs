using System.Globalization;
using SupportBot.Handoff;
using SupportBot.Handoff.Queue;

namespace SupportBot.Tests.Handoff.Queue;

/// <summary>What every <see cref="IHandoffStore"/> must do; run against the in-memory twin and against real Redis.</summary>
public abstract partial class HandoffStoreContract
{
    protected static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-22T10:00:00Z", CultureInfo.InvariantCulture);

    protected abstract IHandoffStore CreateStore();

    protected static HandoffRecord Waiting(string? conversationId = null, int priority = 0, DateTimeOffset? queuedAt = null) => new()
    {
        ConversationId = conversationId ?? $"conv-{Guid.NewGuid():N}",
        Reason = HandoffReasons.CustomerRequest,
        Intent = "refund",
        Confidence = 0.42f,
        Language = "th",
        Skill = "billing",
        Priority = priority,
        Slots = new Dictionary<string, string> { ["order"] = "ORD-1001", ["email"] = "ada@example.com" },
        UserId = "user-1",
        UserName = "Ada",
        Preview = "ฉันอยากได้เงินคืน",
        QueuedAt = queuedAt ?? T0,
    };

    protected static async Task<HandoffRecord> QueueAsync(IHandoffStore store, HandoffRecord? record = null)
    {
        record ??= Waiting();
        Assert.True(await store.EnqueueAsync(record));
        return record;
    }

    protected static async Task<string> AssignAsync(IHandoffStore store, string agentId = "agent-a", int capacity = 3)
    {
        var record = await QueueAsync(store);
        Assert.Equal(ClaimOutcome.Claimed, await store.ClaimAsync(record.ConversationId, agentId, $"Agent {agentId}", capacity, T0.AddMinutes(1)));
        return record.ConversationId;
    }

    private static HandoffResolution Resolution() => new("refund_request", ["refund", "late"], "Refunded in full.");

    [Fact]
    public async Task AQueuedHandoffReadsBackAsItWasQueued()
    {
        var store = CreateStore();
        var record = await QueueAsync(store);

        var read = await store.GetAsync(record.ConversationId);

        Assert.Equivalent(record, read, strict: true);
        Assert.Null(await store.GetAsync("never-queued"));
    }

    [Fact]
    public async Task OnlyARecordAtStageQueuedMayBeQueued()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.EnqueueAsync(Waiting() with { Stage = HandoffStage.Assigned }));
    }

    [Fact]
    public async Task AConversationWithAWaitingHandoffCannotBeQueuedAgain()
    {
        var store = CreateStore();
        var record = await QueueAsync(store);

        Assert.False(await store.EnqueueAsync(record with { Priority = 9 }));
        Assert.Equal(0, (await store.GetAsync(record.ConversationId))!.Priority);
    }

    [Fact]
    public async Task AConversationWithAnAssignedHandoffCannotBeQueuedAgain()
    {
        var store = CreateStore();
        var id = await AssignAsync(store);

        Assert.False(await store.EnqueueAsync(Waiting(id)));
        Assert.Equal(HandoffStage.Assigned, (await store.GetAsync(id))!.Stage);
        Assert.Empty(await store.WaitingAsync());
    }

    [Fact]
    public async Task AConversationWhoseHandoffEndedMayBeQueuedAgainWithANewRecord()
    {
        var store = CreateStore();
        var id = await AssignAsync(store);
        await store.EndAsync(id, "agent-a", HandoffStage.ReturnedToBot, null, T0.AddMinutes(5));

        var again = Waiting(id, priority: 2, queuedAt: T0.AddMinutes(10)) with { Reason = HandoffReasons.AngryPhrase };
        Assert.True(await store.EnqueueAsync(again));

        var current = await store.GetAsync(id);
        Assert.Equivalent(again, current, strict: true);
        Assert.Equal([id], (await store.WaitingAsync()).Select(r => r.ConversationId));
    }

    [Fact]
    public async Task WaitingListsHigherPriorityFirstThenFirstComeFirstServed()
    {
        var store = CreateStore();
        var lateLow = await QueueAsync(store, Waiting(priority: 0, queuedAt: T0.AddMinutes(3)));
        var earlyLow = await QueueAsync(store, Waiting(priority: 0, queuedAt: T0.AddMinutes(1)));
        var lateHigh = await QueueAsync(store, Waiting(priority: 5, queuedAt: T0.AddMinutes(4)));
        var earlyHigh = await QueueAsync(store, Waiting(priority: 5, queuedAt: T0.AddMinutes(2)));
        var negative = await QueueAsync(store, Waiting(priority: -1, queuedAt: T0));

        var waiting = await store.WaitingAsync();

        Assert.Equal(
            [earlyHigh.ConversationId, lateHigh.ConversationId, earlyLow.ConversationId, lateLow.ConversationId, negative.ConversationId],
            waiting.Select(r => r.ConversationId));
    }
}
