using SupportBot.Handoff.Queue;

namespace SupportBot.Web.Agents;

/// <summary>What the server calls on agent consoles (and on the .NET agent client of the tests and the load tool).</summary>
public interface IAgentClient
{
    /// <summary>The whole waiting queue, in routing order, after any change. Each console shows what matches its agent.</summary>
    Task QueueChanged(IReadOnlyList<QueueItem> queue);

    /// <summary>A conversation has just been handed off: the console notifies its agent.</summary>
    Task Escalated(QueueItem item);

    /// <summary>A chat became this agent's without a claim of theirs (auto-assignment, a transfer to them).</summary>
    Task ChatAssigned(ChatView chat);

    /// <summary>A chat is no longer this agent's: closed, returned to the bot, transferred, put back in the queue.</summary>
    Task ChatEnded(string conversationId, string reason);

    Task CustomerMessage(string conversationId, TranscriptEntry entry);

    Task CustomerTyping(string conversationId);

    /// <summary>The agent's own message, to their other consoles (another tab) so every view stays whole.</summary>
    Task AgentMessage(string conversationId, TranscriptEntry entry);

    Task NoteAdded(string conversationId, AgentNote note);

    Task PresenceChanged(IReadOnlyList<AgentSummary> agents);

    Task TicketCreated(TicketView ticket);

    Task SurveyReceived(string conversationId, SurveyResult survey);
}
