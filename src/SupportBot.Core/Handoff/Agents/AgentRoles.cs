namespace SupportBot.Handoff.Agents;

public static class AgentRoles
{
    /// <summary>Takes chats from the queue that match their languages and skills.</summary>
    public const string Agent = "agent";

    /// <summary>Sees and may take every chat, sees every agent's load, may transfer any chat.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Exports transcripts and manages the intent model (the maintainer page).</summary>
    public const string Maintainer = "maintainer";

    public static IReadOnlyList<string> All { get; } = [Agent, Supervisor, Maintainer];
}
