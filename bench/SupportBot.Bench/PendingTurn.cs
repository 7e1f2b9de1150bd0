namespace SupportBot.Bench;

/// <summary>
/// The one turn a conversation has outstanding. Its activity id can be learnt from the POST's answer or from the
/// echo on the socket, and the bot's reply can beat the POST's answer, so replies seen before the id is known are
/// kept until it is. Callers hold the conversation's lock.
/// </summary>
internal sealed class PendingTurn(string clientActivityId)
{
    private Dictionary<string, long>? _earlyReplies;

    public string ClientActivityId { get; } = clientActivityId;

    public string? ActivityId { get; private set; }

    /// <summary>Completes with the Stopwatch timestamp at which the bot's reply arrived.</summary>
    public TaskCompletionSource<long> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void LearnActivityId(string id)
    {
        if (ActivityId is not null)
        {
            return;
        }

        ActivityId = id;
        if (_earlyReplies is not null && _earlyReplies.Remove(id, out var arrivedAt))
        {
            Reply.TrySetResult(arrivedAt);
        }
    }

    public void OnBotReply(string replyToId, long arrivedAt)
    {
        if (ActivityId is null)
        {
            // Bounded in practice: only the welcome or replies to earlier turns can land here.
            (_earlyReplies ??= new(StringComparer.Ordinal)).TryAdd(replyToId, arrivedAt);
        }
        else if (ActivityId == replyToId)
        {
            Reply.TrySetResult(arrivedAt);
        }
    }
}
