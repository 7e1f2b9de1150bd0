namespace SupportBot.Handoff.Tickets;

/// <summary>An agent's answer to a ticket, as it was mailed to the customer.</summary>
public sealed record TicketReply(string AgentId, string AgentName, string Text, DateTimeOffset SentAt);
