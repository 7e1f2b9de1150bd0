namespace SupportBot.Handoff.Desk;

/// <summary>
/// The agent a desk operation is for, as the console's connection knows them; <paramref name="ConnectionId"/> is
/// the console tab that asked (the agent's other tabs hear of the result).
/// </summary>
public sealed record DeskAgent(string Id, string Name, bool IsSupervisor, string? ConnectionId = null)
{
    /// <summary>Prefix of the account id an agent's messages carry in the conversation (the bot's role, this id).</summary>
    public const string ChannelIdPrefix = "agent:";
}
