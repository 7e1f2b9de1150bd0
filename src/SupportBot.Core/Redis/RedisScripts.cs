using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace SupportBot.Redis;

/// <summary>
/// The Lua scripts in Redis/Scripts/*.lua, embedded in this assembly and prepared once per process (hold the result
/// in a static field), then run by their SHA1 (EVALSHA): neither the text nor a hash of it goes over the wire or
/// through a dictionary on each call. After a Redis restart or SCRIPT FLUSH the server has forgotten the script;
/// the call that meets NOSCRIPT sends its text once, which loads it again.
/// </summary>
public static class RedisScripts
{
    private static readonly ConditionalWeakTable<LuaScript, byte[]> Hashes = [];

    /// <summary>
    /// The script Scripts/<paramref name="name"/>.lua. <paramref name="prelude"/> is Lua put in front of it: constants
    /// the C# side owns (result codes) or a shared function (<see cref="Text"/>), so the two cannot drift apart.
    /// Scripts read KEYS[n] and ARGV[n] (no @parameters, which only the slower text path can fill).
    /// </summary>
    public static LuaScript Load(string name, string prelude = "")
    {
        var script = LuaScript.Prepare(prelude + Text(name));
        Hashes.AddOrUpdate(script, SHA1.HashData(Encoding.UTF8.GetBytes(script.ExecutableScript)));
        return script;
    }

    /// <summary>The text of Scripts/<paramref name="name"/>.lua, for a script that includes it as its prelude.</summary>
    public static string Text(string name)
    {
        var resource = $"SupportBot.Redis.Scripts.{name}.lua";
        using var stream = typeof(RedisScripts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No embedded Lua script '{resource}'; is Redis/Scripts/{name}.lua an EmbeddedResource?");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Runs a script (one from <see cref="Load"/>) that reads KEYS[n] and ARGV[n], by its SHA1. <paramref name="db"/>
    /// is a database, not a batch: a NOSCRIPT answer is followed by a second call (a replica promoted by Sentinel
    /// has never seen the script: replication carries what scripts write, not the scripts).
    /// </summary>
    public static async Task<RedisResult> EvaluateAsync(this LuaScript script, IDatabaseAsync db, RedisKey[] keys, RedisValue[] args)
    {
        var hash = Hashes.GetValue(script, s => SHA1.HashData(Encoding.UTF8.GetBytes(s.ExecutableScript)));
        try
        {
            return await db.ScriptEvaluateAsync(hash, keys, args, Primary);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            // The text overload loads the script (SCRIPT LOAD, then EVALSHA, in one write); the hash works again after.
            return await db.ScriptEvaluateAsync(script.ExecutableScript, keys, args, Primary);
        }
    }

    /// <summary>
    /// Every script writes. StackExchange.Redis cannot tell, and by default sends a script to a replica while the
    /// primary is away (behind Sentinel it knows the replicas too), which answers READONLY; demanding the primary
    /// makes that a connection failure, which callers treat as the store being away for now.
    /// </summary>
    private const CommandFlags Primary = CommandFlags.DemandMaster;
}
