using System.CommandLine;

namespace SupportBot.Bench;

/// <summary><c>handoff</c>: delivery latency between customers and agents.</summary>
internal static class HandoffCommand
{
    public static Command Create()
    {
        var defaults = new HandoffSettings();
        var url = BenchOptions.Url();
        var agents = BenchOptions.Int("--agents", "Agents on the .NET SignalR client.", defaults.Agents, 1, 999);
        var customers = BenchOptions.Int("--customers", "Direct Line customers, each handed off to an agent.", defaults.Customers, 1, 10_000);
        var rate = BenchOptions.OptionalNumber("--rate", """
            Total customer messages/s, open loop; each is answered once by its agent (default: one per customer every
            4 s, 50/s for 200 customers).
            """, "R", 0, 100_000);
        var duration = BenchOptions.Duration(defaults.DurationSeconds);
        var warmup = BenchOptions.Warmup(defaults.WarmupSeconds);
        var redis = BenchOptions.Text("--redis", "The server's Redis:ConnectionString, to seed agent accounts.", "CONFIG", defaults.Redis);
        var prefix = BenchOptions.Text("--prefix", "The server's Redis:KeyPrefix.", "P", defaults.Prefix, emptyAllowed: true);
        var json = BenchOptions.Json();
        var command = new Command("handoff", """
            Delivery latency between customers and agents. Run the server with Handoff__AutoAssign=true.
            """)
        {
            url, agents, customers, rate, duration, warmup, redis, prefix, json,
        };
        command.SetAction((parse, _) => HandoffLoad.RunAsync(new HandoffSettings
        {
            Url = parse.GetValue(url)!, Agents = parse.GetValue(agents), Customers = parse.GetValue(customers), Rate = parse.GetValue(rate),
            DurationSeconds = parse.GetValue(duration), WarmupSeconds = parse.GetValue(warmup), Redis = parse.GetValue(redis)!, Prefix = parse.GetValue(prefix)!,
            Json = parse.GetValue(json),
        }));
        return command;
    }
}
