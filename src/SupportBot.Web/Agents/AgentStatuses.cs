namespace SupportBot.Web.Agents;

/// <summary>Agent status strings on the hub (<see cref="SupportBot.Handoff.Agents.AgentStatus"/> plus offline).</summary>
public static class AgentStatuses
{
    public const string Available = "available";
    public const string Away = "away";
    public const string Offline = "offline";
}
