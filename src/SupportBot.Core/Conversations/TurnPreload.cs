namespace SupportBot.Conversations;

/// <summary>
/// What a turn reads first, read by the store in the same step that handed the turn out (Redis: inside
/// <c>turn-next.lua</c>, under the turn lock it has just taken), so the turn does not go back for it: the conversation
/// state stored under <see cref="StateKey"/> (its JSON and eTag; none if nothing is stored) and the conversation's
/// hand-off record as the store keeps it (its fields; none if it has none). Each part is taken once: a second read in
/// the same turn (after the turn wrote or deleted the state, say) goes to the store. Only the store that wrote it can
/// read it (see <c>IStorage.TryTakePreloaded</c>, <c>IHandoffStore.TryTakePreloaded</c>); where a store does not
/// preload (in memory) a turn has none, and reads as it always did.
/// </summary>
public sealed class TurnPreload(
    string conversationId, string stateKey, ReadOnlyMemory<byte> stateJson, string? stateETag, IReadOnlyDictionary<string, string> handoffFields)
{
    /// <summary>Where a turn keeps its preload in <c>ITurnContext.TurnState</c>.</summary>
    public const string TurnStateKey = "SupportBot.TurnPreload";

    private int _stateTaken;
    private int _handoffTaken;

    public string ConversationId { get; } = conversationId;

    /// <summary>The storage key (<c>StateKeys.Conversation</c>) of the state read.</summary>
    public string StateKey { get; } = stateKey;

    /// <summary>The preload of the turn whose state is <paramref name="turnState"/>, if it has one.</summary>
    public static TurnPreload? Of(IDictionary<string, object> turnState) =>
        turnState.TryGetValue(TurnStateKey, out var value) ? value as TurnPreload : null;

    /// <summary>
    /// The state stored under <paramref name="storageKey"/> as it was when the turn was handed out: false if this
    /// preload holds another key or was taken already. <paramref name="eTag"/> null: nothing was stored.
    /// </summary>
    public bool TryTakeState(string storageKey, out ReadOnlyMemory<byte> json, out string? eTag)
    {
        json = default;
        eTag = null;
        if (storageKey != StateKey || Interlocked.Exchange(ref _stateTaken, 1) == 1)
        {
            return false;
        }

        (json, eTag) = (stateJson, stateETag);
        return true;
    }

    /// <summary>The hand-off record's fields (empty: it has none), once, for <paramref name="conversationId"/>'s turn only.</summary>
    public bool TryTakeHandoff(string conversationId, out IReadOnlyDictionary<string, string> fields)
    {
        fields = handoffFields;
        return conversationId == ConversationId && Interlocked.Exchange(ref _handoffTaken, 1) == 0;
    }
}
