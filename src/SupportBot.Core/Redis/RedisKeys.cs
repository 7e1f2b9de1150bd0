using StackExchange.Redis;

namespace SupportBot.Redis;

/// <summary>
/// Every Redis key and channel SupportBot uses. Conversation keys carry the id in braces (a hash tag) so one
/// conversation's keys land in the same cluster slot and a Lua script may touch them together.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>Hash: user, userName, locale, created, seq (last sequence), lastTs (ms of the last timestamp). TTL: DirectLine:ConversationTtl, renewed on every append.</summary>
    public RedisKey Conversation(string conversationId) => $"{Prefix}conv:{{{conversationId}}}";

    /// <summary>List of activity JSON in sequence order; element i is sequence i+1. TTL: as <see cref="Conversation"/>.</summary>
    public RedisKey ActivityLog(string conversationId) => $"{Prefix}conv:{{{conversationId}}}:log";

    /// <summary>
    /// String: a random token of the turn that holds the conversation's turn lock. TTL: Conversations:TurnLockLease,
    /// set when taken (a dead process's lease lapses); deleted on release, by its holder only.
    /// </summary>
    public RedisKey TurnLock(string conversationId) => $"{Prefix}conv:{{{conversationId}}}:turn";

    /// <summary>Sorted set: conversation ids scored by creation time (Unix ms), for the transcript export. No TTL; entries older than 4 × Conversations:Ttl are trimmed on each creation.</summary>
    public RedisKey ConversationIndex => $"{Prefix}conv-index";

    /// <summary>Pub/sub channel: "{conversationId}\n{sequence}\n{activity json}" for every appended activity, read by every server process.</summary>
    public RedisChannel ActivityAppended => RedisChannel.Literal($"{Prefix}activity-appended");

    /// <summary>Hash: json (state without its eTag), etag. TTL: State:ConversationStateTtl or State:UserStateTtl by key kind.</summary>
    public RedisKey State(string storageKey) => $"{Prefix}state:{storageKey}";

    /// <summary>Hash: contentType, name, data (bytes), conversation (its id). TTL: Conversations:Ttl.</summary>
    public RedisKey Attachment(string attachmentId) => $"{Prefix}att:{attachmentId}";

    /// <summary>
    /// Hash: record (JSON of the hand-off's fixed part), stage, agentId, agentName, claimedAt, endedAt, position,
    /// survey, resolution (JSON), score (its place in <see cref="HandoffWaiting"/>), endedMember (its entry in
    /// <see cref="HandoffEnded"/>). TTL: Handoff:RecordRetention, renewed on every change.
    /// </summary>
    public RedisKey Handoff(string conversationId) => $"{Prefix}handoff:{{{conversationId}}}";

    /// <summary>List of <c>AgentNote</c> JSON, oldest first; kept across the conversation's hand-offs. TTL: Handoff:RecordRetention, renewed on every note.</summary>
    public RedisKey HandoffNotes(string conversationId) => $"{Prefix}handoff:{{{conversationId}}}:notes";

    /// <summary>Sorted set of waiting conversation ids; score -priority × 1e13 + queuedAt ms, so lowest is served first. TTL: none (members leave when claimed or abandoned).</summary>
    public RedisKey HandoffWaiting => $"{Prefix}handoff:waiting";

    /// <summary>Sorted set of ended hand-offs (JSON of their <see cref="Handoff"/> fields), score endedAt ms. TTL: Handoff:RecordRetention from the last end; older entries are trimmed on every end.</summary>
    public RedisKey HandoffEnded => $"{Prefix}handoff:ended";

    /// <summary>Set of the conversation ids an agent owns. TTL: none (members leave on transfer, requeue or end).</summary>
    public RedisKey AgentHandoffs(string agentId) => $"{Prefix}handoff:agent:{agentId}";

    /// <summary>Hash: agent id → <c>AgentAccount</c> JSON. TTL: none.</summary>
    public RedisKey AgentAccounts => $"{Prefix}agents:accounts";

    /// <summary>Sorted set of "{agentId}\n{connectionId}", score the connection's last refresh in Unix ms. TTL: none (entries past the presence timeout are trimmed when read).</summary>
    public RedisKey AgentConnections => $"{Prefix}agents:connections";

    /// <summary>Hash: agent id → <c>AgentStatus</c> name; agents not in it are Available. TTL: none.</summary>
    public RedisKey AgentStatuses => $"{Prefix}agents:status";

    /// <summary>String: failed sign-ins for an account name (lower case). TTL: the lockout window, set by the first failure.</summary>
    public RedisKey SignInFailures(string name) => $"{Prefix}signin-failures:{name}";

    /// <summary>String: the last ticket number handed out (INCR). TTL: none.</summary>
    public RedisKey TicketSequence => $"{Prefix}tickets:seq";

    /// <summary>Hash: json (the ticket without its resolution), resolvedBy, resolvedAt. TTL: none.</summary>
    public RedisKey Ticket(string ticketId) => $"{Prefix}ticket:{ticketId}";

    /// <summary>Sorted set of every ticket id, score its number. TTL: none.</summary>
    public RedisKey Tickets => $"{Prefix}tickets:all";

    /// <summary>Sorted set of the open ticket ids, score its number. TTL: none (members leave when resolved).</summary>
    public RedisKey OpenTickets => $"{Prefix}tickets:open";
}
