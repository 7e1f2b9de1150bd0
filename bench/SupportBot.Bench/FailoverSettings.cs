using System.Globalization;

namespace SupportBot.Bench;

/// <summary>What one run of the failover benchmark was asked to do.</summary>
internal sealed record FailoverSettings
{
    public const string Usage = """
        Usage: SupportBot.Bench failover --kill-pid PID [options]
          Customers keep posting (each message sent again, same clientActivityID, until acknowledged); after
          --kill-after s the process PID (the Redis primary) is killed with SIGKILL; --after s later the load stops
          and every acknowledged message is looked for in its conversation's log.

          --url URL            server base URL (default http://127.0.0.1:5080)
          --secret S           Direct Line secret for tokens/generate (default bench-secret)
          --conversations N    concurrent conversations, each posting as soon as its last POST was answered (default 20)
          --kill-pid PID       the process to kill (required)
          --kill-after S       seconds of load before the kill (default 5)
          --after S            seconds of load after the kill (default 10)
        """;

    public Uri Url { get; init; } = new("http://127.0.0.1:5080");

    public string Secret { get; init; } = "bench-secret";

    public int Conversations { get; init; } = 20;

    public int KillPid { get; init; }

    public double KillAfterSeconds { get; init; } = 5;

    public double AfterSeconds { get; init; } = 10;

    public string BaseUrl => Url.ToString().TrimEnd('/');

    public static FailoverSettings? Parse(string[] options)
    {
        var settings = BenchOptions.Parse(
            options,
            new FailoverSettings(),
            ["--url", "--secret", "--conversations", "--kill-pid", "--kill-after", "--after"],
            s => s,
            (s, name, value) => name switch
            {
                "--url" when Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" => s with { Url = url },
                "--secret" when value.Length > 0 => s with { Secret = value },
                "--conversations" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 10_000 => s with { Conversations = n },
                "--kill-pid" when int.TryParse(value, CultureInfo.InvariantCulture, out var pid) && pid > 0 => s with { KillPid = pid },
                "--kill-after" when double.TryParse(value, CultureInfo.InvariantCulture, out var k) && k is > 0 and <= 3_600 => s with { KillAfterSeconds = k },
                "--after" when double.TryParse(value, CultureInfo.InvariantCulture, out var a) && a is > 0 and <= 3_600 => s with { AfterSeconds = a },
                _ => null,
            });
        if (settings is { KillPid: 0 })
        {
            Console.Error.WriteLine("--kill-pid is required.");
            return null;
        }

        return settings;
    }
}
