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

    /// <summary>Pub/sub channel: "{conversationId}\n{sequence}\n{activity json}" for every appended activity, read by every server process.</summary>
    public RedisChannel ActivityAppended => RedisChannel.Literal($"{Prefix}activity-appended");

    /// <summary>Hash: json (state without its eTag), etag. TTL: State:ConversationStateTtl or State:UserStateTtl by key kind.</summary>
    public RedisKey State(string storageKey) => $"{Prefix}state:{storageKey}";

    /// <summary>Hash: contentType, name, data (bytes). TTL: DirectLine:ConversationTtl.</summary>
    public RedisKey Attachment(string attachmentId) => $"{Prefix}att:{attachmentId}";
}
