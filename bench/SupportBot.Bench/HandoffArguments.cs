using System.Globalization;

namespace SupportBot.Bench;

/// <summary>Reads the handoff benchmark's options; a repeated option takes its last value.</summary>
internal static class HandoffArguments
{
    public const string Usage = """
        Usage: SupportBot.Bench handoff [options]

          --url URL            server base URL (default http://127.0.0.1:5080); run it with Handoff__AutoAssign=true
          --agents M           agents on the .NET SignalR client (default 100)
          --customers N        Direct Line customers, each handed off to an agent (default 200)
          --rate R             total customer messages/s, open loop; each is answered once by its agent
                               (default: one per customer every 4 s, 50/s for 200 customers)
          --duration S         measured seconds (default 30)
          --warmup S           seconds before measuring starts (default 5)
          --redis CONFIG       the server's Redis:ConnectionString, to seed agent accounts (default 127.0.0.1:6379)
          --prefix P           the server's Redis:KeyPrefix (default sb:)
          --json               print the figures as one JSON object on stdout (the table goes to stderr)
        """;

    public static HandoffSettings? Parse(string[] options) => BenchOptions.Parse(
        options,
        new HandoffSettings(),
        ["--url", "--agents", "--customers", "--rate", "--duration", "--warmup", "--redis", "--prefix"],
        settings => settings with { Json = true },
        (settings, name, value) => name switch
        {
            "--url" when Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" => settings with { Url = url },
            "--agents" when int.TryParse(value, CultureInfo.InvariantCulture, out var m) && m is > 0 and <= 999 => settings with { Agents = m },
            "--customers" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 10_000 => settings with { Customers = n },
            "--rate" when double.TryParse(value, CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 100_000 => settings with { Rate = r },
            "--duration" when double.TryParse(value, CultureInfo.InvariantCulture, out var d) && d is > 0 and <= 86_400 => settings with { DurationSeconds = d },
            "--warmup" when double.TryParse(value, CultureInfo.InvariantCulture, out var w) && w is >= 0 and <= 3_600 => settings with { WarmupSeconds = w },
            "--redis" when value.Length > 0 => settings with { Redis = value },
            "--prefix" => settings with { Prefix = value },
            _ => null,
        });
}
