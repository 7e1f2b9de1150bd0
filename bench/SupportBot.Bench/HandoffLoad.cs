using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace SupportBot.Bench;

/// <summary>
/// Agents on the .NET SignalR client and customers on Direct Line, talking through the server: measures how long
/// a customer's message takes to reach its agent, and the agent's answer to reach the customer. Open loop: the
/// customers write on a fixed schedule whatever the server's speed, so slowness shows as latency.
/// </summary>
internal static class HandoffLoad
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(HandoffSettings settings)
    {
        // With --json, stdout carries only the JSON object; everything for people goes to stderr.
        var people = settings.Json ? Console.Error : Console.Out;
        await using var redis = await ConnectRedisAsync(settings);
        if (redis is null)
        {
            return 1;
        }

        var accounts = new BenchAgentAccounts(redis, settings.Prefix);
        Console.Error.WriteLine($"Seeding {settings.Agents} agent accounts (capacity {settings.AgentCapacity}) under '{settings.Prefix}' in Redis ...");
        IReadOnlyList<string> ids;
        try
        {
            ids = await accounts.SeedAsync(settings.Agents, settings.AgentCapacity);
        }
        catch (RedisException ex)
        {
            Console.Error.WriteLine($"Could not seed the agent accounts in Redis at {settings.Redis}: {ex.Message}");
            return 1;
        }

        using var http = DirectLineLoad.CreateHttpClient(settings.Customers + settings.Agents);
        var (toAgent, toCustomer) = (new DeliveryLedger(), new DeliveryLedger());
        var setup = new HandoffSetup(http, settings, new ChatAssignments(), toAgent, toCustomer);
        try
        {
            try
            {
                await setup.ConnectAgentsAsync(ids, accounts.Password);
                await setup.HandOffCustomersAsync();
            }
            catch (BenchSetupException ex)
            {
                Console.Error.WriteLine($"Setup against {settings.BaseUrl} failed: {ex.Message}");
                return 1;
            }

            Console.Error.WriteLine($"Warming up {settings.WarmupSeconds} s, then measuring {settings.DurationSeconds} s ...");
            var startedAt = DateTimeOffset.UtcNow;
            var run = await DriveAsync(setup, settings, toAgent, toCustomer);
            var report = HandoffReport.Create(settings, startedAt, setup, run, toAgent, toCustomer);
            report.WriteTable(people);
            if (settings.Json)
            {
                Console.Out.WriteLine(report.ToJson());
            }

            await CleanUpAsync(setup);
            return 0;
        }
        finally
        {
            await setup.DisposeAsync();
            await accounts.DeleteAsync(ids);
        }
    }

    private static async Task<ConnectionMultiplexer?> ConnectRedisAsync(HandoffSettings settings)
    {
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(settings.Redis);
        }
        catch (RedisException ex)
        {
            Console.Error.WriteLine($"Could not connect to Redis at {settings.Redis} (--redis) to seed the agent accounts: {ex.Message}");
            return null;
        }
    }

    private static async Task<HandoffRun> DriveAsync(HandoffSetup setup, HandoffSettings settings, DeliveryLedger toAgent, DeliveryLedger toCustomer)
    {
        var start = Stopwatch.GetTimestamp();
        var schedule = new TurnSchedule(
            MeasureFrom: start + TurnSchedule.Ticks(settings.WarmupSeconds),
            StopAt: start + TurnSchedule.Ticks(settings.WarmupSeconds + settings.DurationSeconds),
            Interval: TurnSchedule.Ticks(settings.Customers / settings.MessagesPerSecond));
        toAgent.MeasureFrom = toCustomer.MeasureFrom = schedule.MeasureFrom;
        var machineBefore = MachineLoad.Read();
        var clientCpuBefore = Environment.CpuUsage.TotalTime;

        // Random first sends spread the customers over one interval; the fixed seed gives the same spread every run.
        var random = new Random(20261122);
        var firstSends = setup.Customers.Select(_ => start + (long)(random.NextDouble() * schedule.Interval)).ToArray();
        var tallies = await Task.WhenAll(setup.Customers.Select((c, i) => Task.Run(() => CustomerLoop.RunAsync(c, schedule, firstSends[i]))));

        // Sending has stopped; what is still on its way gets until its timeout.
        var drainUntil = Stopwatch.GetTimestamp() + TurnSchedule.Ticks(DeliveryLedger.Timeout.TotalSeconds);
        while ((toAgent.InFlight > 0 || toCustomer.InFlight > 0) && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(50);
        }

        var clientCpu = (Environment.CpuUsage.TotalTime - clientCpuBefore) / (Stopwatch.GetElapsedTime(start) * Environment.ProcessorCount) * 100;
        return new HandoffRun(tallies, MachineLoad.BusyPercent(machineBefore, MachineLoad.Read()), clientCpu);
    }

    /// <summary>Hands every chat back to the bot, so a server that outlives the run (and its Redis) has no bench chats open.</summary>
    private static async Task CleanUpAsync(HandoffSetup setup)
    {
        Console.Error.WriteLine("Handing the chats back to the bot ...");
        using var timeout = new CancellationTokenSource(CleanupTimeout);
        try
        {
            await Task.WhenAll(setup.Agents.Select(a => a.ReturnChatsAsync(timeout.Token)));
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException or OperationCanceledException)
        {
            Console.Error.WriteLine($"Some chats stay with their bench agents: {ex.Message}");
        }
    }
}
