using System.Globalization;
using SupportBot.Bench;

// Exit codes: 0 the run finished (its figures say how well), 1 the server could not be reached or set up, 2 bad arguments.
const string Usage = """
    Usage: SupportBot.Bench directline [options]    turn latency of many Web Chat conversations
           SupportBot.Bench handoff [options]       delivery latency between customers and agents (see handoff --help)
           SupportBot.Bench compare [options]       cold and warm runs side by side, SupportBot against the bare turn
           SupportBot.Bench pairs FILE...           several compare --json pairs: each pair's ratios and their medians
           SupportBot.Bench columns LABEL=FILE...   directline --json reports side by side (bench/run-cluster-compare.sh)
           SupportBot.Bench failover [options]      a Redis primary killed under load (see failover --help; bench/run-failover.sh)
           SupportBot.Bench insights [options]      the /insights/ page's queries over 100,000 seeded conversations (see insights --help)
           SupportBot.Bench idle [options]          server CPU and memory with --conversations idle WebSockets open
                                                    (needs --server-pid; --seed N conversations answered once and left
                                                    first; --warmup s to settle, then --duration s measured)

    directline options:
      --url URL            server base URL (default http://127.0.0.1:5080)
      --conversations N    concurrent Direct Line conversations (default 100)
      --rate R             total turns/s across all conversations, open loop; 0 = closed loop (default 1000)
      --duration S         measured seconds (default 30)
      --warmup S           seconds before measuring starts (default 5)
      --secret S           get tokens from /v3/directline/tokens/generate with this secret (default: /widget/session)
      --json               print the figures as one JSON object on stdout (the table goes to stderr)
      --server-pid PID     also report the server process's CPU ms per turn and its memory (Linux, same machine);
                           PID,PID,... for several processes behind a load balancer: their sums
      --redis-info H:P     also report the server's Redis calls and CPU per turn (INFO commandstats, INFO cpu)
      --rss-every S        with --server-pid: sample the server's RSS every S s and report the series and its slope

    A repeated option takes its last value, so a wrapper's defaults can be overridden.
    """;

if (args is ["help", ..] || args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine(args switch
    {
        ["handoff", ..] => HandoffArguments.Usage,
        ["compare", ..] => CompareCommand.Usage,
        ["columns", ..] => RunColumns.Usage,
        ["pairs", ..] => PairsCommand.Usage,
        ["failover", ..] => FailoverSettings.Usage,
        ["insights", ..] => InsightsLoad.Usage,
        _ => Usage,
    });
    return 0;
}

if (args is ["compare", .. var compareOptions])
{
    return CompareCommand.Run(compareOptions);
}

if (args is ["pairs", .. var pairFiles])
{
    return PairsCommand.Run(pairFiles);
}

if (args is ["columns", .. var columnFiles])
{
    return RunColumns.Run(columnFiles);
}

if (args is ["failover", .. var failoverOptions])
{
    if (FailoverSettings.Parse(failoverOptions) is { } failover)
    {
        return await FailoverLoad.RunAsync(failover);
    }

    Console.Error.WriteLine($"\n{FailoverSettings.Usage}");
    return 2;
}

if (args is ["insights", .. var insightsOptions])
{
    return await InsightsLoad.RunAsync(insightsOptions);
}

if (args is ["handoff", .. var handoffOptions])
{
    if (HandoffArguments.Parse(handoffOptions) is { } handoff)
    {
        return await HandoffLoad.RunAsync(handoff);
    }

    Console.Error.WriteLine($"\n{HandoffArguments.Usage}");
    return 2;
}

if (args is ["idle", .. var idleOptions])
{
    return Parse(idleOptions) is { } idle ? await IdleLoad.RunAsync(idle) : 2;
}

if (args is not ["directline", .. var options] || Parse(options) is not { } settings)
{
    Console.Error.WriteLine(args is ["directline", ..] ? "" : "Name a benchmark: 'directline' or 'handoff' (or 'compare').\n");
    Console.Error.WriteLine(Usage);
    return 2;
}

return await DirectLineLoad.RunAsync(settings);

static DirectLineSettings? Parse(string[] options) => BenchOptions.Parse(
    options,
    new DirectLineSettings(),
    ["--url", "--conversations", "--rate", "--duration", "--warmup", "--secret", "--server-pid", "--redis-info", "--seed", "--rss-every"],
    settings => settings with { Json = true },
    (settings, name, value) => name switch
    {
        "--url" when Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" => settings with { Url = url },
        "--conversations" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 10_000 => settings with { Conversations = n },
        "--rate" when double.TryParse(value, CultureInfo.InvariantCulture, out var r) && r is >= 0 and <= 1_000_000 => settings with { Rate = r },
        "--duration" when double.TryParse(value, CultureInfo.InvariantCulture, out var d) && d is > 0 and <= 86_400 => settings with { DurationSeconds = d },
        "--warmup" when double.TryParse(value, CultureInfo.InvariantCulture, out var w) && w is >= 0 and <= 3_600 => settings with { WarmupSeconds = w },
        "--secret" when value.Length > 0 => settings with { Secret = value },
        "--server-pid" when Pids(value) is { } pids => settings with { ServerPids = pids },
        "--redis-info" when value.LastIndexOf(':') > 0 => settings with { RedisInfo = value },
        "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed) && seed is >= 0 and <= 1_000_000 => settings with { SeedConversations = seed },
        "--rss-every" when double.TryParse(value, CultureInfo.InvariantCulture, out var every) && every is >= 1 and <= 3_600 => settings with { RssEverySeconds = every },
        _ => null,
    });

// "123" or "123,456,789": every one a positive process id, or null.
static int[]? Pids(string value)
{
    var pids = value.Split(',').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : 0).ToArray();
    return pids.Contains(0) ? null : pids;
}
