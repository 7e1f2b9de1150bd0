using System.Collections.Concurrent;

namespace SupportBot.Bench;

/// <summary>
/// Which conversations an agent has been given (the hub's ChatAssigned), so a customer's setup can wait for its
/// own; either side may come first.
/// </summary>
internal sealed class ChatAssignments
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _byConversation = new(StringComparer.Ordinal);

    public void Assigned(string conversationId, string agentId) => Slot(conversationId).TrySetResult(agentId);

    /// <summary>Completes with the id of the agent the conversation went to.</summary>
    public Task<string> WaitAsync(string conversationId, CancellationToken cancellationToken) =>
        Slot(conversationId).Task.WaitAsync(cancellationToken);

    private TaskCompletionSource<string> Slot(string conversationId) =>
        _byConversation.GetOrAdd(conversationId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}
