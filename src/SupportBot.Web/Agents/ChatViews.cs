using SupportBot.Conversations;
using SupportBot.Handoff.Queue;

namespace SupportBot.Web.Agents;

/// <summary>Builds what agents see of conversations and of the queue.</summary>
public sealed class ChatViews(IHandoffStore store, IConversationLog log)
{
    private const int MaxTranscript = 1000;

    public async Task<ChatView> ViewAsync(HandoffRecord record, CancellationToken cancellationToken)
    {
        var logged = await log.ReadAsync(record.ConversationId, 0, MaxTranscript, cancellationToken);
        var notes = await store.NotesAsync(record.ConversationId, cancellationToken);
        return new ChatView(
            record.ConversationId, Stage(record.Stage), record.AgentId, record.AgentName, Context(record), Transcripts.From(logged), notes,
            ChannelConversationIds.ChannelOf(record.ConversationId), CustomerProfiles.From(record, logged));
    }

    public static IReadOnlyList<QueueItem> Queue(IReadOnlyList<HandoffRecord> waiting) =>
        [.. waiting.Select(r => new QueueItem(
            r.ConversationId, QueueEstimate.Position(r, waiting), r.Reason, r.Intent, r.Confidence, r.Language, r.Skill, r.Priority,
            r.UserName, r.QueuedAt, r.Preview, ChannelConversationIds.ChannelOf(r.ConversationId)))];

    public static HandoffContext Context(HandoffRecord r) =>
        new(r.Reason, r.Intent, r.Confidence, r.Language, r.Skill, r.Priority, r.Slots, r.UserId, r.UserName, r.QueuedAt, r.ClaimedAt);

    public static string Stage(HandoffStage stage) => stage switch
    {
        HandoffStage.Queued => "queued",
        HandoffStage.Assigned => "assigned",
        HandoffStage.Closed => "closed",
        HandoffStage.ReturnedToBot => "returnedToBot",
        _ => "abandoned",
    };
}
