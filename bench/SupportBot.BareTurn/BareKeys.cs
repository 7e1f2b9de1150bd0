using StackExchange.Redis;

namespace SupportBot.BareTurn;

/// <summary>The bare server's Redis keys; nothing has a TTL (the benchmark's Redis is thrown away after the run).</summary>
public sealed class BareKeys(string prefix)
{
    /// <summary>List of the conversation's activity JSON, oldest first; the index is the activity's sequence.</summary>
    public RedisKey Activities(string conversationId) => $"{prefix}activities:{conversationId}";

    /// <summary>String: the conversation's state, {"turns":N}.</summary>
    public RedisKey State(string conversationId) => $"{prefix}state:{conversationId}";

    /// <summary>Pub/sub channel carrying each new activity of the conversation as a ready ActivitySet frame.</summary>
    public RedisKey Stream(string conversationId) => $"{prefix}stream:{conversationId}";

    /// <summary>The one pattern every process subscribes to.</summary>
    public RedisChannel AllStreams => RedisChannel.Pattern($"{prefix}stream:*");

    /// <summary>The conversation a stream channel belongs to.</summary>
    public string ConversationOf(RedisChannel channel) => ((string)channel!)[(prefix.Length + "stream:".Length)..];
}
