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

    // A record compares a list by reference; two tickets with the same replies are the same ticket.
    public bool Equals(Ticket? other) =>
        other is not null
        && (Id, ConversationId, Email, Message, Language, Reason, CreatedAt, ResolvedBy, ResolvedAt)
            == (other.Id, other.ConversationId, other.Email, other.Message, other.Language, other.Reason, other.CreatedAt, other.ResolvedBy, other.ResolvedAt)
        && Replies.SequenceEqual(other.Replies);

    public override int GetHashCode() => HashCode.Combine(Id, ConversationId, CreatedAt, Replies.Count);
}
