using System.Globalization;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// What a stretch of work cost in Redis: every command the server ran (INFO commandstats, so commands inside
/// Lua scripts count too; the Redis must be the test's own), and the commands the app's connection sent and the
/// round trips they took (StackExchange.Redis's profiler; commands sent while an earlier one is still in
/// flight are pipelined with it and share its round trip).
/// </summary>
public sealed class RedisCommandCount
{
    // The counter's own commands, not the app's.
    private static readonly string[] Own = ["config|resetstat", "info", "config"];

    private readonly IServer _server;
    private readonly ProfilingSession _session = new();
    private volatile bool _recording;

    private RedisCommandCount(IConnectionMultiplexer app, IServer server)
    {
        _server = server;
        app.RegisterProfiler(() => _recording ? _session : null);
    }

    /// <summary>Counts from now on, for the app's connection <paramref name="app"/> and the server <paramref name="counter"/> talks to.</summary>
    public static async Task<RedisCommandCount> StartAsync(IConnectionMultiplexer app, IConnectionMultiplexer counter)
    {
        var count = new RedisCommandCount(app, counter.GetServer(counter.GetEndPoints()[0]));
        await count._server.ExecuteAsync("CONFIG", "RESETSTAT");
        count._recording = true;
        return count;
    }

    /// <summary>Stops counting; the figures are per <paramref name="turns"/>.</summary>
    public async Task<Figures> StopAsync(int turns)
    {
        _recording = false;
        var sent = _session.FinishProfiling().OrderBy(c => c.CommandCreated).ToList();
        var info = await _server.InfoAsync("commandstats");
        var executed = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in info.SelectMany(group => group))
        {
            var name = key.StartsWith("cmdstat_", StringComparison.Ordinal) ? key["cmdstat_".Length..] : key;
            if (Own.Contains(name))
            {
                continue;
            }

            var calls = value.Split(',')[0];
            executed[name.ToUpperInvariant()] = long.Parse(calls["calls=".Length..], CultureInfo.InvariantCulture) / (double)turns;
        }

        var roundTrips = 0;
        var inFlightUntil = DateTime.MinValue;
        foreach (var command in sent)
        {
            if (command.CommandCreated >= inFlightUntil)
            {
                roundTrips++;
            }

            var done = command.CommandCreated + command.ElapsedTime;
            inFlightUntil = done > inFlightUntil ? done : inFlightUntil;
        }

        var sentByName = sent.GroupBy(c => c.Command).ToDictionary(g => g.Key, g => g.Count() / (double)turns, StringComparer.Ordinal);
        return new Figures(executed, sentByName, roundTrips / (double)turns);
    }

    public sealed record Figures(SortedDictionary<string, double> Executed, Dictionary<string, double> Sent, double RoundTrips)
    {
        public double Commands => Executed.Values.Sum();

        public override string ToString() =>
            $"per turn: {Commands:0.##} commands run by Redis ({string.Join(", ", Executed.Select(e => $"{e.Key} {e.Value:0.##}"))}); " +
            $"{Sent.Values.Sum():0.##} sent by the app ({string.Join(", ", Sent.Select(e => $"{e.Key} {e.Value:0.##}"))}); {RoundTrips:0.##} round trips";
    }
}
