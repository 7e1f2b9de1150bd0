using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace SupportBot.Bench;

/// <summary>
/// Redis's own counters from INFO: calls per command (commandstats, which counts both the commands clients send
/// and those scripts run inside EVAL/EVALSHA) and the CPU Redis has used (used_cpu_sys + used_cpu_user).
/// </summary>
internal sealed record RedisFigures(IReadOnlyDictionary<string, long> Calls, double CpuMs)
{
    /// <summary>The probe's own command, left out of every count.</summary>
    public const string ProbeCommand = "info";

    /// <summary>Parses the text of INFO commandstats and INFO cpu (one reply or several, concatenated).</summary>
    public static RedisFigures Parse(string info)
    {
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        double cpuSeconds = 0;
        foreach (var raw in info.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("cmdstat_", StringComparison.Ordinal) && line.IndexOf(':') is var colon and > 0)
            {
                // cmdstat_NAME:calls=N,usec=...; NAME is "config|get" for a subcommand.
                var name = line[8..colon];
                var field = line[(colon + 1)..].Split(',').FirstOrDefault(f => f.StartsWith("calls=", StringComparison.Ordinal));
                if (name != ProbeCommand && field is not null && long.TryParse(field.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    calls[name] = n;
                }
            }
            else if ((line.StartsWith("used_cpu_sys:", StringComparison.Ordinal) || line.StartsWith("used_cpu_user:", StringComparison.Ordinal))
                && double.TryParse(line[(line.IndexOf(':') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                cpuSeconds += seconds;
            }
        }

        return new RedisFigures(calls, cpuSeconds * 1000);
    }

    /// <summary>Calls of each command between two readings, commands not called left out, most called first.</summary>
    public static IReadOnlyList<KeyValuePair<string, long>> CallsBetween(RedisFigures before, RedisFigures after) =>
        after.Calls
            .Select(c => KeyValuePair.Create(c.Key, c.Value - before.Calls.GetValueOrDefault(c.Key)))
            .Where(c => c.Value > 0)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Asks "INFO commandstats cpu" on a connection of its own (no client library, so no heartbeats of its own
    /// in the counts). Null when Redis cannot be reached or answers something else.
    /// </summary>
    public static async Task<RedisFigures?> ReadAsync(string hostAndPort, CancellationToken cancellationToken)
    {
        var colon = hostAndPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostAndPort.AsSpan(colon + 1), CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(hostAndPort[..colon], port, cancellationToken);
            await using var stream = client.GetStream();
            await stream.WriteAsync("INFO commandstats cpu\r\n"u8.ToArray(), cancellationToken);
            var header = await ReadLineAsync(stream, cancellationToken);
            if (!header.StartsWith('$') || !int.TryParse(header.AsSpan(1), CultureInfo.InvariantCulture, out var length) || length < 0)
            {
                return null;
            }

            var body = new byte[length];
            await stream.ReadExactlyAsync(body, cancellationToken);
            return Parse(Encoding.UTF8.GetString(body));
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return null;
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one, cancellationToken) == 1 && one[0] != '\n')
        {
            line.Append((char)one[0]);
        }

        return line.ToString().TrimEnd('\r');
    }
}
