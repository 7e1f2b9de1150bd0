using System.Text;
using SupportBot.Conversations;
using SupportBot.Schema;

namespace SupportBot.Insights.Archive;

/// <summary>
/// A conversation log for readers (the transcript export) that also sees what the store has let expire: listing
/// takes the live and the archived conversations together, and a conversation the store no longer has is read from
/// the archive (its activities as they were logged, typing left out). Writes go to the store alone.
/// </summary>
public sealed class ReadThroughConversationLog(IConversationLog live, IConversationArchive archive) : IConversationLog
{
    public async Task<IReadOnlyList<string>> ListAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default) =>
        [.. (await live.ListAsync(from, before, cancellationToken)).Union(await archive.ListAsync(from, before, cancellationToken), StringComparer.Ordinal)];

    public async Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        await live.GetAsync(conversationId, cancellationToken)
        ?? ((await archive.GetAsync(conversationId, cancellationToken))?.Conversation is { } c
            ? new ConversationRecord(c.Id, c.Customer, c.CustomerName, c.Language, c.StartedAt)
            : null);

    public async Task<IReadOnlyList<LoggedActivity>> ReadAsync(string conversationId, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        try
        {
            return await live.ReadAsync(conversationId, afterSequence, maxCount, cancellationToken);
        }
        catch (ConversationNotFoundException)
        {
            var archived = await archive.GetAsync(conversationId, cancellationToken) ?? throw new ConversationNotFoundException(conversationId);
            return [.. archived.Activities.Where(a => a.Seq > afterSequence).Take(maxCount).Select(a => new LoggedActivity(conversationId, a.Seq, Encoding.UTF8.GetString(a.RawJson)))];
        }
    }

    public Task<bool> CreateAsync(ConversationRecord conversation, CancellationToken cancellationToken = default) => live.CreateAsync(conversation, cancellationToken);

    public Task<AppendedActivity> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        live.AppendAsync(conversationId, activity, cancellationToken);

    public Task<AppendedActivity> AppendIncomingAsync(string conversationId, Activity activity, bool startsTurn, CancellationToken cancellationToken = default) =>
        live.AppendIncomingAsync(conversationId, activity, startsTurn, cancellationToken);

    public Task<PendingTurn?> NextPendingTurnAsync(string conversationId, long? done = null, ITurnLease? lease = null, CancellationToken cancellationToken = default) =>
        live.NextPendingTurnAsync(conversationId, done, lease, cancellationToken);

    public Task<IReadOnlyList<string>> ListPendingTurnsAsync(DateTimeOffset queuedBefore, int maxCount, CancellationToken cancellationToken = default) =>
        live.ListPendingTurnsAsync(queuedBefore, maxCount, cancellationToken);

    public Task<long> GetDeliveredAsync(string conversationId, CancellationToken cancellationToken = default) => live.GetDeliveredAsync(conversationId, cancellationToken);

    public Task MarkDeliveredAsync(string conversationId, long sequence, CancellationToken cancellationToken = default) =>
        live.MarkDeliveredAsync(conversationId, sequence, cancellationToken);

    public Task<int> PostponeDeliveryAsync(string conversationId, CancellationToken cancellationToken = default) => live.PostponeDeliveryAsync(conversationId, cancellationToken);

    public Task<IReadOnlyList<string>> ClaimUndeliveredAsync(int maxCount, CancellationToken cancellationToken = default) => live.ClaimUndeliveredAsync(maxCount, cancellationToken);

    public Task<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default) => live.DeleteAsync(conversationId, cancellationToken);

    public Task<IDisposable> SubscribeAsync(string conversationId, Action<LoggedActivity> onAppended, CancellationToken cancellationToken = default) =>
        live.SubscribeAsync(conversationId, onAppended, cancellationToken);
}
