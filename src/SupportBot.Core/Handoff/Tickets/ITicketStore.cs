namespace SupportBot.Handoff.Tickets;

/// <summary>Messages left for agents. Redis when configured, in memory otherwise.</summary>
public interface ITicketStore : SupportBot.Conversations.ICustomerData
{
    /// <summary>Stores the ticket under a new sequential id and returns it with that id.</summary>
    Task<Ticket> CreateAsync(Ticket ticket, CancellationToken cancellationToken = default);

    Task<Ticket?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The newest tickets first, open ones only unless <paramref name="includeResolved"/>.</summary>
    Task<IReadOnlyList<Ticket>> ListAsync(int max, bool includeResolved, CancellationToken cancellationToken = default);

    /// <summary>Marks an open ticket resolved; false if unknown or already resolved.</summary>
    /// <summary>Records a reply sent to the customer; false if there is no such ticket.</summary>
    Task<bool> AddReplyAsync(string id, TicketReply reply, CancellationToken cancellationToken = default);

    Task<bool> ResolveAsync(string id, string agentId, DateTimeOffset now, CancellationToken cancellationToken = default);
}
