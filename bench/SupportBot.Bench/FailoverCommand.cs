using System.CommandLine;

namespace SupportBot.Bench;

/// <summary>
/// <c>failover</c>: customers keep posting (each message sent again, same clientActivityID, until acknowledged);
/// after --kill-after s the process --kill-pid (the Redis primary) is killed with SIGKILL; --after s later the load
/// stops and every acknowledged message is looked for in its conversation's log.
/// </summary>
internal static class FailoverCommand
{
    public static Command Create()
    {
        var defaults = new FailoverSettings();
        var url = BenchOptions.Url();
        var secret = BenchOptions.Text("--secret", "Direct Line secret for tokens/generate.", "S", defaults.Secret);
        var conversations = BenchOptions.Int("--conversations", "Concurrent conversations, each posting as soon as its last POST was answered.", defaults.Conversations, 1, 10_000);
        var killPid = BenchOptions.Int("--kill-pid", "The process to kill (the Redis primary).", 0, 1, int.MaxValue, required: true);
        var killAfter = BenchOptions.Number("--kill-after", "Seconds of load before the kill.", "S", defaults.KillAfterSeconds, 0, 3_600);
        var after = BenchOptions.Number("--after", "Seconds of load after the kill.", "S", defaults.AfterSeconds, 0, 3_600);
        var command = new Command("failover", "A Redis primary killed under load: is every acknowledged message in its conversation's log? (bench/run-failover.sh)")
        {
            url, secret, conversations, killPid, killAfter, after,
        };
        command.SetAction((parse, _) => FailoverLoad.RunAsync(new FailoverSettings
        {
            Url = parse.GetValue(url)!, Secret = parse.GetValue(secret)!, Conversations = parse.GetValue(conversations), KillPid = parse.GetValue(killPid),
            KillAfterSeconds = parse.GetValue(killAfter), AfterSeconds = parse.GetValue(after),
        }));
        return command;
    }
}
