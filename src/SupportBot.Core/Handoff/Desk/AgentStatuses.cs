namespace SupportBot.Handoff.Desk;

/// <summary>Agent status strings on the console's wire (<see cref="Agents.AgentStatus"/> plus offline).</summary>
public static class AgentStatuses
{
    public const string Available = "available";
    public const string Away = "away";
    public const string Offline = "offline";
}
