namespace SupportBot.Conversations;

/// <summary>
/// A store that keeps something of a customer or of their conversations besides the conversation log, so a privacy
/// request (<c>customers forget</c>) reaches it. Every store of such data implements it, beside its own keys.
/// </summary>
public interface ICustomerData
{
    /// <summary>
    /// Deletes what this store keeps of <paramref name="customerId"/> (a channel's user id) and of the
    /// <paramref name="conversationIds"/> (theirs, live or archived; a store that finds more of the customer's by
    /// the user id deletes those too). Doing it twice changes nothing.
    /// </summary>
    Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default);
}
