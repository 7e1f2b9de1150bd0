using SupportBot.Handoff.Tickets;
using SupportBot.Schema;

namespace SupportBot.Handoff.Queue;

/// <summary>
/// How the bot side tells agents what happened (the host implements it over SignalR). Calls must not wait for
/// agents: they run inside a customer's turn.
/// </summary>
public interface IAgentNotifier
{
    /// <summary>A conversation joined the queue.</summary>
    Task EscalatedAsync(HandoffRecord record, CancellationToken cancellationToken = default);

    /// <summary>The queue changed some other way (a customer left it, a message arrived while waiting).</summary>
    Task QueueChangedAsync(CancellationToken cancellationToken = default);

    /// <summary>A customer's message (or typing) in a conversation an agent owns.</summary>
    Task CustomerActivityAsync(HandoffRecord record, Activity activity, CancellationToken cancellationToken = default);

    Task TicketCreatedAsync(Ticket ticket, CancellationToken cancellationToken = default);

    Task SurveyReceivedAsync(HandoffRecord record, SurveyResult survey, CancellationToken cancellationToken = default);
}
