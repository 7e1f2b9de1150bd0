using StackExchange.Redis;

namespace SupportBot.Redis;

/// <summary>
/// Every Redis key and channel SupportBot uses. Conversation keys carry the id in braces (a hash tag) so one
/// conversation's keys land in the same cluster slot and a Lua script may touch them together.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>
    /// Hash: user, userName, locale, created, seq (last sequence), lastTs (ms of the last timestamp), archived (the
    /// sequence up to which the archive has everything, once the archive worker wrote it), cid:{clientActivityID} → the
    /// sequence it was first appended at (so a retried POST is not appended twice) and clientIds = inline (written at
    /// creation: its client ids are all here, none in <see cref="ClientActivityIds"/>); for conversations
    /// from /api/messages also delivered (the sequence up to which the channel's connector has taken everything) and
    /// deliveryFailures (failed sends since the last success, for the back-off). TTL: Conversations:Ttl, renewed on every append.
    /// </summary>
    public RedisKey Conversation(string conversationId) => $"{Prefix}conv:{{{conversationId}}}";

    /// <summary>List of activity JSON in sequence order; element i is sequence i+1. TTL: as <see cref="Conversation"/>.</summary>
    public RedisKey ActivityLog(string conversationId) => $"{Prefix}conv:{{{conversationId}}}:log";

    /// <summary>
    /// String: a random token of the turn that holds the conversation's turn lock. TTL: Conversations:TurnLockLease,
    /// set when taken and renewed by its holder while the turn runs (a dead process's lease lapses); deleted on
    /// release, by its holder only (with its token, by the script that finds no pending turn left).
    /// </summary>
    public RedisKey TurnLock(string conversationId) => $"{Prefix}conv:{{{conversationId}}}:turn";

    /// <summary>
    /// Sorted set of the sequences of activities whose turn has not run yet, score the sequence (sequence - 0.5
    /// once handed out to run, so a second hand-out knows its run was cut short). Added with the activity in one
    /// script; removed when the turn is done. TTL: as <see cref="Conversation"/>.
    /// </summary>
    public RedisKey PendingTurns(string conversationId) => $"{Prefix}conv:{{{conversationId}}}:pending";

    /// <summary>String: the conversation's <c>ConversationReference</c> JSON (how to reach it through its channel's connector), for conversations from /api/messages only. TTL: Conversations:Ttl, renewed on every activity from the channel.</summary>
    public RedisKey ConversationReference(string conversationId) => $"{Prefix}conv:{{{conversationId}}}:ref";

    /// <summary>
    /// Hash: channelData.clientActivityID → the sequence it was first appended at, for conversations created before
    /// these moved into <see cref="Conversation"/> (one HSET and no PEXPIRE of their own a message); only read now,
    /// for a conversation without clientIds. TTL: as <see cref="Conversation"/> when last written.
    /// </summary>
    public RedisKey ClientActivityIds(string conversationId) => $"{Prefix}conv:{{{conversationId}}}:client-ids";

    /// <summary>
    /// Sorted set of conversation ids with a pending turn, score Unix ms when their earliest pending turn was
    /// queued (or their queue last moved): what the recovery worker of every process scans. TTL: none (members
    /// leave with their last pending turn, or when their conversation is gone).
    /// </summary>
    public RedisKey PendingTurnIndex => $"{Prefix}turns:pending";

    /// <summary>
    /// Sorted set of ids of /api/messages conversations with activities for the customer their connector may not
    /// have taken yet, score the Unix ms from which any process's sweep sends them (again): added with the bot's or
    /// an agent's activity in its append script (Conversations:RedeliverAfter ahead), pushed back on progress and
    /// after a failed send (doubling), removed once delivered catches up with seq. TTL: none (members leave when
    /// caught up, or when their conversation is gone).
    /// </summary>
    public RedisKey UndeliveredIndex => $"{Prefix}outbox:undelivered";

    /// <summary>
    /// Sorted set of the ids of conversations with activities the archive may not have yet, score the Unix ms since
    /// when (the first unarchived activity's timestamp, or when the worker last read the log): added by the append
    /// scripts (ZADD NX) when the archive is on, removed by archive-done.lua once the conversation's 'archived' mark
    /// reaches its seq (or it is gone). The lowest score is the archive lag. TTL: none.
    /// </summary>
    public RedisKey ArchivePending => $"{Prefix}archive:pending";

    /// <summary>Sorted set of the conversation ids an archive worker holds, score the Unix ms the hold ends. TTL: none (members leave when archived; lapsed holds are trimmed on each claim).</summary>
    public RedisKey ArchiveClaims => $"{Prefix}archive:claims";

    /// <summary>Sorted set: conversation ids scored by creation time (Unix ms), for the transcript export. No TTL; entries older than 4 × Conversations:Ttl are trimmed on each creation.</summary>
    public RedisKey ConversationIndex => $"{Prefix}conv-index";

    /// <summary>
    /// Pub/sub channel, one per conversation: "{conversationId}\n{sequence}\n{activity json}" for every activity appended
    /// to it (published by the append scripts), read by the processes that hold a socket of that conversation (each
    /// subscribes while it has one). Named with the conversation's hash tag, so a move to sharded pub/sub on Redis
    /// Cluster (SPUBLISH) keeps it in its conversation's slot. No TTL (channels hold nothing).
    /// </summary>
    public RedisChannel ActivityAppended(string conversationId) => RedisChannel.Literal($"{Prefix}conv:{{{conversationId}}}:appended");

    /// <summary>Hash: json (state without its eTag), etag. TTL: State:ConversationStateTtl or State:UserStateTtl by key kind.</summary>
    public RedisKey State(string storageKey) => $"{Prefix}state:{storageKey}";

    /// <summary>SCAN pattern of every <see cref="State"/> key (a privacy request looks for a customer's state by it).</summary>
    public string StatePattern => $"{Glob(Prefix)}state:*";

    /// <summary>Hash: contentType, name, data (bytes), conversation (its id). TTL: Conversations:Ttl.</summary>
    public RedisKey Attachment(string attachmentId) => $"{Prefix}att:{attachmentId}";

    /// <summary>SCAN pattern of every <see cref="Attachment"/> key (a privacy request looks for a conversation's files by it).</summary>
    public string AttachmentPattern => $"{Glob(Prefix)}att:*";

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

    /// <summary>
    /// String: the holder token of the one process that runs the queue policy (timeouts, auto-assign, requeue, queue
    /// places). TTL: <see cref="Handoff.Queue.RedisQueueLease.LeaseTime"/> (15 s), renewed by the holder on every pass (SET NX PX, then queue-lease.lua).
    /// </summary>
    public RedisKey QueueLease => $"{Prefix}handoff:queue-lease";

    /// <summary>Pub/sub channel: an empty message whenever the queue or the agents changed in any process, read by every process so the queue lease holder passes at once. No TTL (channels hold nothing).</summary>
    public RedisChannel QueueChanged => RedisChannel.Literal($"{Prefix}handoff:queue-changed");

    /// <summary>Set of the conversation ids an agent owns. TTL: none (members leave on transfer, requeue or end).</summary>
    public RedisKey AgentHandoffs(string agentId) => $"{Prefix}handoff:agent:{agentId}";

    /// <summary>Hash: agent id → <c>AgentAccount</c> JSON. TTL: none.</summary>
    public RedisKey AgentAccounts => $"{Prefix}agents:accounts";

    /// <summary>Sorted set of "{agentId}\n{connectionId}", score the connection's last refresh in Unix ms. TTL: none (entries past the presence timeout are trimmed when read).</summary>
    public RedisKey AgentConnections => $"{Prefix}agents:connections";

    /// <summary>Hash: agent id → <c>AgentStatus</c> name; agents not in it are Available. TTL: none.</summary>
    public RedisKey AgentStatuses => $"{Prefix}agents:status";

    /// <summary>
    /// Hash: failures (password checks of the account name, lower case, from every address, not taken back by a
    /// success), last (Unix ms of the last one). TTL: Agents:SignInFailureWindow, renewed on every failure.
    /// </summary>
    public RedisKey SignInAccount(string account) => $"{Prefix}signin:{{{account}}}";

    /// <summary>Hash: failures (from one client address), ends (Unix ms the window ends). TTL: until ends (Agents:SignInFailureWindow from the first failure).</summary>
    public RedisKey SignInAddress(string account, string address) => $"{Prefix}signin:{{{account}}}:addr:{address}";

    /// <summary>Sorted set of the addresses the account signed in from, score Unix ms until which each is trusted. TTL: Agents:SignInTrustedAddressLifetime, renewed on every success.</summary>
    public RedisKey SignInTrusted(string account) => $"{Prefix}signin:{{{account}}}:trusted";

    /// <summary>
    /// Sorted set of "{account}\n{address}" ("{account}\n" for the account-wide count) of every sign-in throttle,
    /// score the Unix ms it lapses; for listing and clearing lockouts. TTL: none (lapsed members are trimmed when read).
    /// </summary>
    public RedisKey SignInThrottles => $"{Prefix}signin:throttles";
    /// <summary>String: an agent session (<c>AgentSession</c> JSON). TTL: until its token expires; deleted when the session is ended.</summary>
    public RedisKey AgentSession(string sessionId) => $"{Prefix}agents:session:{sessionId}";

    /// <summary>Sorted set of live agent session ids, score the session's expiry in Unix ms. TTL: none (members leave when ended; expired ones are trimmed when read).</summary>
    public RedisKey AgentSessions => $"{Prefix}agents:sessions";

    /// <summary>Pub/sub channel: the id of every agent session just ended, read by every server process to close its connections.</summary>
    public RedisChannel AgentSessionEnded => RedisChannel.Literal($"{Prefix}agents:session-ended");

    /// <summary>String: the random agent token signing key (base64, 32 bytes) made by the first process when Agents:TokenSecret is empty. TTL: none.</summary>
    public RedisKey AgentTokenKey => $"{Prefix}agents:token-key";

    /// <summary>String: the last ticket number handed out (INCR). TTL: none.</summary>
    public RedisKey TicketSequence => $"{Prefix}tickets:seq";

    /// <summary>Hash: json (the ticket without its resolution), resolvedBy, resolvedAt. TTL: none.</summary>
    public RedisKey Ticket(string ticketId) => $"{Prefix}ticket:{ticketId}";

    /// <summary>List of <c>TicketReply</c> JSON, oldest first: what agents mailed the customer. TTL: none, like the ticket.</summary>
    public RedisKey TicketReplies(string ticketId) => $"{Prefix}ticket:{ticketId}:replies";

    /// <summary>Sorted set of every ticket id, score its number. TTL: none.</summary>
    public RedisKey Tickets => $"{Prefix}tickets:all";

    /// <summary>Sorted set of the open ticket ids, score its number. TTL: none (members leave when resolved).</summary>
    public RedisKey OpenTickets => $"{Prefix}tickets:open";

    // A prefix is literal text; in a SCAN pattern its *, ?, [ and \ would match more than itself.
    private static string Glob(string text) =>
        string.Concat(text.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? $"\\{c}" : c.ToString()));
}
