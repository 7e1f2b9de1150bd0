using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Conversations;

/// <summary>The Lua scripts of <see cref="RedisConversationLog"/> (Redis/Scripts); each runs atomically, so every process sees one order.</summary>
internal static class RedisConversationScripts
{
    public static readonly LuaScript Append = RedisScripts.Load("conversation-append", RedisScripts.Text("conversation-stamp"));

    public static readonly LuaScript AppendIncoming = RedisScripts.Load("conversation-append-incoming", RedisScripts.Text("conversation-stamp"));

    public static readonly LuaScript NextPending = RedisScripts.Load("turn-next");
}
