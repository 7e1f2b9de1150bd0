using System.Diagnostics;
using System.Globalization;

namespace SupportBot.Bench;

/// <summary>
/// How busy the whole machine was. The client, the server and Redis share its cores, and on a shared machine so
/// may anything else: the report says so, to tell a slow server from a saturated machine. Reads the idle time
/// summed over all cores from Linux's /proc/uptime; /proc/stat's busy ticks were seen to undercount on a VM by half.
/// </summary>
internal readonly record struct MachineLoad(double IdleSeconds, long Timestamp)
{
    /// <summary>Null where /proc/uptime is not there or not in the expected shape.</summary>
    public static MachineLoad? Read()
    {
        try
        {
            var fields = File.ReadAllText("/proc/uptime").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 2 && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var idle)
                ? new MachineLoad(idle, Stopwatch.GetTimestamp())
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Percent of all cores busy between two readings, whoever kept them busy.</summary>
    public static double? BusyPercent(MachineLoad? before, MachineLoad? after)
    {
        if (before is not { } b || after is not { } a)
        {
            return null;
        }

        var capacity = Stopwatch.GetElapsedTime(b.Timestamp, a.Timestamp).TotalSeconds * Environment.ProcessorCount;
        return capacity > 0 ? Math.Clamp(100 * (1 - (a.IdleSeconds - b.IdleSeconds) / capacity), 0, 100) : null;
    }
}
