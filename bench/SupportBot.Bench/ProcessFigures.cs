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
    public static ProcessFigures? Read(IReadOnlyList<int> pids)
    {
        var sum = new ProcessFigures(0, 0, 0);
        foreach (var pid in pids)
        {
            if (Read(pid) is not { } one)
            {
                return null;
            }

            sum = new ProcessFigures(sum.CpuMs + one.CpuMs, sum.RssKb + one.RssKb, sum.PeakRssKb + one.PeakRssKb);
        }

        return pids.Count > 0 ? sum : null;
    }

    /// <summary>utime + stime in ms from a /proc/PID/stat line; null when it is not in that shape.</summary>
    public static double? CpuMsFromStat(string stat)
    {
        // The command name (field 2) is in parentheses and may itself hold spaces and ')': count from the last ')'.
        var end = stat.LastIndexOf(')');
        if (end < 0)
        {
            return null;
        }

        // After the name come field 3 (state) onwards, so utime (field 14) and stime (15) are the 12th and 13th.
        var fields = stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 12
            && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime)
                ? (utime + stime) * MsPerTick
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
