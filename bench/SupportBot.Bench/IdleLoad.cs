using System.Diagnostics;
using System.Globalization;

namespace SupportBot.Bench;

/// <summary>
/// What idle sockets cost the server: opens --conversations conversations and their WebSockets as Web Chat does,
/// sends nothing, waits --warmup s for the set-up to settle, then reads the server's CPU (--server-pid) over
/// --duration s while the sockets only get the server's keep-alive frames.
/// </summary>
internal static class IdleLoad
{
    public static async Task<int> RunAsync(DirectLineSettings settings)
    {
        if (settings.ServerPids is not { Count: > 0 } pid || ProcessFigures.Read(pid) is null)
        {
            Console.Error.WriteLine("idle needs --server-pid: the server's process id on this machine.");
            return 2;
        }

        using var http = DirectLineLoad.CreateHttpClient(settings.Conversations);
        Console.Error.WriteLine($"Opening {settings.Conversations} conversations' sockets at {settings.BaseUrl} ...");
        ConversationClient[] clients;
        try
        {
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
            if (before is null || after is null)
            {
                Console.Error.WriteLine("The server process went away.");
                return 1;
            }

            var msPerSecond = (after.Value.CpuMs - before.Value.CpuMs) / watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{settings.Conversations} idle sockets, {watch.Elapsed.TotalSeconds:F0} s: server CPU {msPerSecond:F1} ms/s ({msPerSecond / 10:F2}% of one core), " +
                $"RSS {after.Value.RssKb / 1024.0:F0} MB; sockets broken: {clients.Count(c => c.IsBroken)}"));
            return 0;
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }
}
