using System.CommandLine;
using System.Globalization;

namespace SupportBot.Bench;

/// <summary><c>directline</c> (turn latency of many Web Chat conversations) and <c>idle</c> (a server's cost with sockets open and nothing sent).</summary>
internal static class DirectLineCommand
{
    public static Command DirectLine() => Create("directline", """
        Turn latency of many Direct Line conversations (Web Chat's protocol: token, start, WebSocket stream, POST).
        """, settings => DirectLineLoad.RunAsync(settings));

    public static Command Idle() => Create("idle", """
        Server CPU and memory with --conversations idle WebSockets open (needs --server-pid; --seed N conversations
        answered once and left first; --warmup s to settle, then --duration s measured).
        """, settings => IdleLoad.RunAsync(settings));

    internal static Command Create(string name, string description, Func<DirectLineSettings, Task<int>> run)
    {
        var defaults = new DirectLineSettings();
        var url = BenchOptions.Url();
        var conversations = BenchOptions.Int("--conversations", "Concurrent Direct Line conversations.", defaults.Conversations, 1, 10_000);
        var rate = BenchOptions.Number("--rate", "Total turns/s across all conversations, open loop; 0 = closed loop.", "R", defaults.Rate, 0, 1_000_000, orEqual: true);
        var duration = BenchOptions.Duration(defaults.DurationSeconds);
        var warmup = BenchOptions.Warmup(defaults.WarmupSeconds);
        var secret = BenchOptions.Text("--secret", "Get tokens from /v3/directline/tokens/generate with this secret (default: /widget/session).", "S");
        var json = BenchOptions.Json();
        var serverPids = BenchOptions.Value<IReadOnlyList<int>>("--server-pid", """
            Also report the server process's CPU ms per turn and its memory (Linux, same machine); PID,PID,... for
            several processes behind a load balancer: their sums.
            """, "PID", [], Pids, "a process id, or several separated by commas");
        var redisInfo = BenchOptions.Value("--redis-info", "Also report the server's Redis calls and CPU per turn (INFO commandstats, INFO cpu).", "HOST:PORT",
            (string?)null, (string text, out string? value) => (value = text).LastIndexOf(':') > 0, "HOST:PORT");
        var seed = BenchOptions.Int("--seed", "idle: conversations started and answered once, with no stream left open, before the sockets open.", 0, 0, 1_000_000);
        var rssEvery = BenchOptions.OptionalNumber("--rss-every", "With --server-pid: sample the server's RSS every S s and report the series and its slope.", "S", 1, 3_600, orEqual: true);
        var command = new Command(name, description) { url, conversations, rate, duration, warmup, secret, json, serverPids, redisInfo, seed, rssEvery };
        command.SetAction((parse, _) => run(new DirectLineSettings
        {
            Url = parse.GetValue(url)!, Conversations = parse.GetValue(conversations), Rate = parse.GetValue(rate), DurationSeconds = parse.GetValue(duration),
            WarmupSeconds = parse.GetValue(warmup), Secret = parse.GetValue(secret), Json = parse.GetValue(json), ServerPids = parse.GetValue(serverPids)!,
            RedisInfo = parse.GetValue(redisInfo), SeedConversations = parse.GetValue(seed), RssEverySeconds = parse.GetValue(rssEvery),
        }));
        return command;
    }

    // "123" or "123,456,789": every one a positive process id.
    private static bool Pids(string text, out IReadOnlyList<int> pids)
    {
        var read = text.Split(',').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : 0).ToArray();
        pids = read;
        return !read.Contains(0);
    }
}
