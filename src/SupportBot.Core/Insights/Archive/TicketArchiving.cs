using SupportBot.Handoff.Tickets;

namespace SupportBot.Insights.Archive;

/// <summary>
/// Copies the ticket store's tickets (they outlive their conversations and change when an agent resolves them, with
/// nothing in the conversation log) into the archive's tickets table: the newest ones, open and resolved.
/// </summary>
public sealed class TicketArchiving(ITicketStore tickets, IConversationArchive archive)
{
    /// <summary>How many of the newest tickets a sync copies.</summary>
    public const int MaxTickets = 2000;

    public async Task<int> SyncAsync(CancellationToken cancellationToken)
    {
        var all = await tickets.ListAsync(MaxTickets, includeResolved: true, cancellationToken);
        foreach (var t in all)
        {
            await archive.WriteTicketAsync(new ArchivedTicket(t.Id, t.ConversationId, null, t.Language, t.Reason, t.CreatedAt, t.ResolvedAt, t.ResolvedBy), cancellationToken);
        }

        return all.Count;
    }
}
