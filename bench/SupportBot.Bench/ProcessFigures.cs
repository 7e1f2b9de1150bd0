using System.Globalization;

namespace SupportBot.Bench;

/// <summary>
/// A server process's CPU time and memory as Linux's /proc shows them: utime+stime from /proc/PID/stat, VmRSS and
/// VmHWM (peak RSS over the process's life) from /proc/PID/status.
/// </summary>
internal readonly record struct ProcessFigures(double CpuMs, long RssKb, long PeakRssKb)
{
    /// <summary>
    /// /proc counts CPU time in USER_HZ ticks, which Linux fixes at 100 a second for user space on every
    /// architecture .NET runs on (sysconf(_SC_CLK_TCK)).
    /// </summary>
    private const double MsPerTick = 10;

    /// <summary>Null when the process is gone or /proc is not there.</summary>
    public static ProcessFigures? Read(int pid)
    {
        try
        {
            var cpu = CpuMsFromStat(File.ReadAllText($"/proc/{pid}/stat"));
            var status = File.ReadAllText($"/proc/{pid}/status");
            return cpu is { } ms && KbFromStatus(status, "VmRSS") is { } rss && KbFromStatus(status, "VmHWM") is { } peak
                ? new ProcessFigures(ms, rss, peak)
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Several processes as one (the processes behind a load balancer): CPU, RSS and peak RSS summed, so CPU per turn
    /// is the whole desk's. Null when any of them is gone: a sum without it would look cheaper than it was.
    /// </summary>
    public static ProcessFigures? Read(IReadOnlyList<int> pids) => Sum(pids.Select(Read));

    /// <summary>The figures of several processes summed; null when there are none or any of them is unknown.</summary>
    public static ProcessFigures? Sum(IEnumerable<ProcessFigures?> each)
    {
        ProcessFigures? sum = null;
        foreach (var figures in each)
        {
            if (figures is not { } one)
            {
                return null;
            }

            sum = sum is { } total
                ? new ProcessFigures(total.CpuMs + one.CpuMs, total.RssKb + one.RssKb, total.PeakRssKb + one.PeakRssKb)
                : one;
        }

        return sum;
    }

    /// <summary>utime + stime in ms from a /proc/PID/stat line; null when it is not in that shape.</summary>
    public static double? CpuMsFromStat(string stat) => CpuMsFromStat(stat, includeChildren: false);

    /// <summary>
    /// utime + stime in ms, and with <paramref name="includeChildren"/> cutime + cstime too (the CPU of the children it
    /// has waited for: a server's exited workers); null when the line is not in that shape.
    /// </summary>
    public static double? CpuMsFromStat(string stat, bool includeChildren)
    {
        // Fields 14-17 (utime, stime, cutime, cstime) are the 12th to 15th after the name.
        var ticks = 0L;
        for (var field = 14; field <= (includeChildren ? 17 : 15); field++)
        {
            if (StatField(stat, field) is not { } value)
            {
                return null;
            }

            ticks += value;
        }

        return ticks * MsPerTick;
    }

    /// <summary>Numeric field <paramref name="number"/> (1-based, as proc(5) counts, from 3 on) of a /proc/PID/stat line.</summary>
    public static long? StatField(string stat, int number)
    {
        // The command name (field 2) is in parentheses and may itself hold spaces and ')': count from the last ')'.
        var end = stat.LastIndexOf(')');
        var fields = end < 0 ? [] : stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > number - 3 && long.TryParse(fields[number - 3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    /// <summary>A "Name:   1234 kB" line of /proc/PID/status, in kB; null when it is missing.</summary>
    public static long? KbFromStatus(string status, string name)
    {
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith(name + ":", StringComparison.Ordinal))
            {
                var value = line[(name.Length + 1)..].Trim();
                if (value.EndsWith(" kB", StringComparison.Ordinal))
                {
                    value = value[..^3].TrimEnd();
                }

                return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : null;
            }
        }

        return null;
    }
}
