using System.Diagnostics;
using System.Globalization;

namespace SupportBot.Bench;

/// <summary>
/// What idle conversations and sockets cost the server: first --seed conversations answered once and left (no
/// stream), then --conversations conversations' WebSockets opened as Web Chat does and nothing sent; waits --warmup s
/// for the set-up to settle, then reads the server's CPU (--server-pid) over --duration s while the sockets only get
/// the server's keep-alive frames, and its memory at the end: RSS, peak RSS and the managed heap (its /metrics).
/// </summary>
internal static class IdleLoad
{
    public static async Task<int> RunAsync(DirectLineSettings settings)
    {
        if (settings.ServerPids is not { Count: > 0 } pid || ProcessFigures.Read(pid) is not { } atStart)
        {
            Console.Error.WriteLine("idle needs --server-pid: the server's process id on this machine.");
            return 2;
        }

        using var http = DirectLineLoad.CreateHttpClient(settings.Conversations);
        ConversationClient[] clients;
        try
        {
            if (settings.SeedConversations > 0)
            {
                Console.Error.WriteLine($"Seeding {settings.SeedConversations} conversations (one message each, no stream) at {settings.BaseUrl} ...");
                var seeding = Stopwatch.StartNew();
                await ConversationSeeder.SeedAsync(http, settings, settings.SeedConversations);
                Console.Error.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:F0} s; server RSS {Mb(ProcessFigures.Read(pid)?.RssKb)} MB");
            }

            Console.Error.WriteLine($"Opening {settings.Conversations} conversations' sockets at {settings.BaseUrl} ...");
            clients = await DirectLineLoad.StartConversationsAsync(http, settings);
        }
        catch (BenchSetupException ex)
        {
            Console.Error.WriteLine($"Setup against {settings.BaseUrl} failed: {ex.Message}");
            return 1;
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(settings.WarmupSeconds));
            var before = ProcessFigures.Read(pid);
            var watch = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(settings.DurationSeconds));
            var after = ProcessFigures.Read(pid);
            if (before is null || after is not { } end)
            {
                Console.Error.WriteLine("The server process went away.");
                return 1;
            }

            var gc = await GcFigures.ReadAsync(http, settings.BaseUrl);
            var msPerSecond = (end.CpuMs - before.Value.CpuMs) / watch.Elapsed.TotalSeconds;
            var seeded = settings.SeedConversations > 0 ? $"{settings.SeedConversations} idle conversations and " : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{seeded}{settings.Conversations} idle sockets, {watch.Elapsed.TotalSeconds:F0} s: server CPU {msPerSecond:F1} ms/s ({msPerSecond / 10:F2}% of one core), " +
                $"RSS {Mb(end.RssKb)} MB (at start {Mb(atStart.RssKb)} MB, peak {Mb(end.PeakRssKb)} MB), " +
                $"managed heap {(gc is { } g ? $"{g.HeapMb:F0} MB after the last GC, {g.CommittedMb:F0} MB committed" : "-")}; sockets broken: {clients.Count(c => c.IsBroken)}"));
            return 0;
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static string Mb(long? kb) => kb is { } value ? (value / 1024.0).ToString("F0", CultureInfo.InvariantCulture) : "-";
}
