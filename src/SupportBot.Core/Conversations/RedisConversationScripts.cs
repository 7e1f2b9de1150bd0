using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Conversations;

/// <summary>The Lua scripts of <see cref="RedisConversationLog"/> (Redis/Scripts); each runs atomically, so every process sees one order.</summary>
internal static class RedisConversationScripts
{
    public static readonly LuaScript Append = RedisScripts.Load("conversation-append", RedisScripts.Text("conversation-stamp"));

    public static readonly LuaScript AppendIncoming = RedisScripts.Load("conversation-append-incoming", RedisScripts.Text("conversation-stamp"));

    public static readonly LuaScript NextPending = RedisScripts.Load("turn-next");

    public static readonly LuaScript Delivered = RedisScripts.Load("outbox-delivered");

    public static readonly LuaScript PostponeDelivery = RedisScripts.Load("outbox-postpone");

    public static readonly LuaScript ClaimUndelivered = RedisScripts.Load("outbox-claim");
}
