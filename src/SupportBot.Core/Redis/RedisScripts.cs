using StackExchange.Redis;

namespace SupportBot.Redis;

/// <summary>
/// The Lua scripts in Redis/Scripts/*.lua, embedded in this assembly and prepared once per process (hold the result
/// in a static field). StackExchange.Redis sends a script's text the first time a connection runs it and its SHA1
/// (EVALSHA) after that, sending the text again if the server has forgotten it.
/// </summary>
public static class RedisScripts
{
    /// <summary>
    /// The script Scripts/<paramref name="name"/>.lua. <paramref name="prelude"/> is Lua put in front of it: constants
    /// the C# side owns (result codes), so the two cannot drift apart.
    /// </summary>
    public static LuaScript Load(string name, string prelude = "")
    {
        var resource = $"SupportBot.Redis.Scripts.{name}.lua";
        using var stream = typeof(RedisScripts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No embedded Lua script '{resource}'; is Redis/Scripts/{name}.lua an EmbeddedResource?");
        using var reader = new StreamReader(stream);
        return LuaScript.Prepare(prelude + reader.ReadToEnd());
    }

    /// <summary>Runs a script that reads KEYS[n] and ARGV[n] (rather than named @parameters).</summary>
    public static Task<RedisResult> EvaluateAsync(this LuaScript script, IDatabaseAsync db, RedisKey[] keys, RedisValue[] args) =>
        db.ScriptEvaluateAsync(script.ExecutableScript, keys, args);
}
