using System.Globalization;
using StackExchange.Redis;

namespace SupportBot.BareTurn;

/// <summary>
/// A turn's Redis work and nothing more: the append script (loaded once, run by its SHA1), GET and SET of the
/// state. Per turn: EVALSHA, GET, EVALSHA, SET from the client; LLEN, RPUSH, PUBLISH inside each script run.
/// </summary>
public sealed class BareStore(IConnectionMultiplexer redis, BareKeys keys, byte[] appendScriptSha)
{
    private readonly IDatabase _db = redis.GetDatabase();

    public static async Task<byte[]> LoadAppendScriptAsync(IConnectionMultiplexer redis)
    {
        await using var resource = typeof(BareStore).Assembly.GetManifestResourceStream("append-activity.lua")
            ?? throw new InvalidOperationException("append-activity.lua is not embedded.");
        using var reader = new StreamReader(resource);
        var script = await reader.ReadToEndAsync();
        var server = redis.GetServers().First();
        return await server.ScriptLoadAsync(script);
    }

    /// <summary>Appends and publishes the activity whose JSON is head + sequence + tail; answers the sequence.</summary>
    public async Task<long> AppendAsync(string conversationId, string head, string tail)
    {
        var result = await _db.ScriptEvaluateAsync(
            appendScriptSha, [keys.Activities(conversationId), keys.Stream(conversationId)], [head, tail]);
        return (long)result;
    }

    /// <summary>The number of turns the conversation has had (0 when it has no state yet).</summary>
    public async Task<long> GetTurnsAsync(string conversationId)
    {
        var state = (string?)await _db.StringGetAsync(keys.State(conversationId));
        return TurnState.Parse(state);
    }

    public Task SetTurnsAsync(string conversationId, long turns) =>
        _db.StringSetAsync(keys.State(conversationId), TurnState.Format(turns));
}

/// <summary>The state a turn reads and writes: {"turns":N}.</summary>
public static class TurnState
{
    private const string Head = "{\"turns\":";

    public static long Parse(string? state) =>
        state is not null && state.StartsWith(Head, StringComparison.Ordinal) && state.EndsWith('}')
        && long.TryParse(state.AsSpan(Head.Length, state.Length - Head.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var turns)
            ? turns
            : 0;

    public static string Format(long turns) => Head + turns.ToString(CultureInfo.InvariantCulture) + "}";
}
