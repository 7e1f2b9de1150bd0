namespace SupportBot.Handoff.Tickets;

/// <summary>A message a customer left when nobody could take the chat; agents answer it later by email.</summary>
public sealed record Ticket
{
    /// <summary>"TCK-00001", assigned by the store.</summary>
    public string Id { get; init; } = "";

    public required string ConversationId { get; init; }

    public required string Email { get; init; }

    public required string Message { get; init; }

    public required string Language { get; init; }

    /// <summary>The hand-off reason that led here (<see cref="SupportBot.Handoff.HandoffReasons"/>).</summary>
    public string? Reason { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? ResolvedBy { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>What agents answered by mail, oldest first.</summary>
    public IReadOnlyList<TicketReply> Replies { get; init; } = [];

    public bool IsOpen => ResolvedAt is null;
}
