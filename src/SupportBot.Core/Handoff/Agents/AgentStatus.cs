namespace SupportBot.Handoff.Agents;

public enum AgentStatus
{
    /// <summary>Signed in and taking chats.</summary>
    Available,

    /// <summary>Signed in but not taking new chats (a break): does not count as available for hand-offs.</summary>
    Away,
}

/// <summary>An agent who has at least one live console connection on any server process.</summary>
public sealed record AgentPresence(string AgentId, AgentStatus Status, int Connections);
