using System.Diagnostics;
using SupportBot.Insights.Archive;

namespace SupportBot.Bench;

/// <summary>
/// The CPU the store spent on an insights load, in ms so far: for SQLite this process (the database runs inside it,
/// as in the server); for a PostgreSQL server on this machine its postmaster and every backend (live ones from /proc,
/// exited ones, parallel workers included, from the postmaster's children's time). Null where it cannot be read.
/// </summary>
internal sealed class StoreCpu(Func<double?> read)
{
    public double? Read() => read();

    public static StoreCpu OfThisProcess() => new(() =>
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalMilliseconds;
    });

    public static async Task<StoreCpu> OfPostgresAsync(IConversationArchive archive)
    {
        int backend;
        await using (var connection = await archive.OpenConnectionAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT pg_backend_pid()";
            backend = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var postmaster = Stat(backend) is { } stat ? ProcessFigures.StatField(stat, 4) : null;
        return new(() => postmaster is { } pid ? TreeMs((int)pid) : null);
    }

    private static double? TreeMs(int postmaster)
    {
        if (Stat(postmaster) is not { } own || ProcessFigures.CpuMsFromStat(own, includeChildren: true) is not { } total)
        {
            return null; // not on this machine, or not readable
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Stat(pid) is { } stat
                && ProcessFigures.StatField(stat, 4) == postmaster && ProcessFigures.CpuMsFromStat(stat) is { } child)
            {
                total += child;
            }
        }

        return total;
    }

    private static string? Stat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
