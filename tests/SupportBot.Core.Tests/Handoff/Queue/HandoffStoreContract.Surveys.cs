using SupportBot.Handoff.Queue;

namespace SupportBot.Tests.Handoff.Queue;

public abstract partial class HandoffStoreContract
{
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
