using System.Globalization;
using SupportBot.Handoff;
using SupportBot.Handoff.Queue;

namespace SupportBot.Tests.Handoff.Queue;

/// <summary>What every <see cref="IHandoffStore"/> must do; run against the in-memory twin and against real Redis.</summary>
public abstract class HandoffStoreContract
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

    [Fact]
    public async Task TheSurveyLandsOnTheRecordAndOnItsEndedCopy()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");
        await store.EndAsync(id, "agent-a", HandoffStage.Closed, Resolution(), T0.AddMinutes(5));
        var survey = new SurveyResult(4, "Quick and kind — ขอบคุณ \"ครับ\"", T0.AddMinutes(6));

        await store.SaveSurveyAsync(id, survey);

        Assert.Equal(survey, (await store.GetAsync(id))!.Survey);
        var copy = Assert.Single(await store.EndedAsync(T0, T0.AddHours(1)));
        Assert.Equal(survey, copy.Survey);
        Assert.Equal((HandoffStage.Closed, "refund_request"), (copy.Stage, copy.Resolution!.Intent));
    }

    [Fact]
    public async Task ASecondSurveyReplacesTheFirstOnTheEndedCopy()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");
        await store.EndAsync(id, "agent-a", HandoffStage.Closed, Resolution(), T0.AddMinutes(5));

        await store.SaveSurveyAsync(id, new SurveyResult(2, null, T0.AddMinutes(6)));
        await store.SaveSurveyAsync(id, new SurveyResult(5, "Changed my mind", T0.AddMinutes(7)));

        Assert.Equal(5, Assert.Single(await store.EndedAsync(T0, T0.AddHours(1))).Survey!.Rating);
    }

    [Fact]
    public async Task ASurveyForAnUnknownConversationIsIgnored()
    {
        var store = CreateStore();

        await store.SaveSurveyAsync("never-queued", new SurveyResult(5, null, T0));

        Assert.Null(await store.GetAsync("never-queued"));
    }

    [Fact]
    public async Task TheAnnouncedPositionIsRememberedForAKnownConversationOnly()
    {
        var store = CreateStore();
        var record = await QueueAsync(store);

        await store.SetAnnouncedPositionAsync(record.ConversationId, 3);
        await store.SetAnnouncedPositionAsync("never-queued", 3);

        Assert.Equal(3, (await store.GetAsync(record.ConversationId))!.AnnouncedPosition);
        Assert.Equal(3, Assert.Single(await store.WaitingAsync()).AnnouncedPosition);
        Assert.Null(await store.GetAsync("never-queued"));
    }

    [Fact]
    public async Task NotesReadBackInTheOrderTheyWereAdded()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");
        var first = new AgentNote("agent-a", "Anna", "Asked for the receipt.", T0.AddMinutes(2));
        var second = new AgentNote("agent-b", "Bo", "ลูกค้าอยากได้เงินคืน", T0.AddMinutes(3));

        await store.AddNoteAsync(id, first);
        await store.AddNoteAsync(id, second);

        Assert.Equal([first, second], await store.NotesAsync(id));
        Assert.Empty(await store.NotesAsync("never-queued"));
    }

    [Fact]
    public async Task NotesOutliveTheHandoffWhenTheConversationEscalatesAgain()
    {
        var store = CreateStore();
        var id = await AssignAsync(store, "agent-a");
        var note = new AgentNote("agent-a", "Anna", "VIP customer.", T0.AddMinutes(2));
        await store.AddNoteAsync(id, note);
        await store.EndAsync(id, "agent-a", HandoffStage.ReturnedToBot, null, T0.AddMinutes(3));

        await store.EnqueueAsync(Waiting(id, queuedAt: T0.AddMinutes(4)));

        Assert.Equal([note], await store.NotesAsync(id));
    }
}
