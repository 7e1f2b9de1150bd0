using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Bench;

/// <summary>The figures of one handoff run, printed as a table for people and as JSON for scripts.</summary>
internal sealed record HandoffReport(
    int Cores,
    string Os,
    string Cpu,
    string Runtime,
    DateTimeOffset DateUtc,
    string Url,
    int Agents,
    int Customers,
    int AgentCapacity,
    double MessagesPerSecond,
    double AgentsSetupSeconds,
    double HandoffsSetupSeconds,
    double WarmupSeconds,
    double DurationSeconds,
    DeliveryFigures CustomerToAgent,
    DeliveryFigures AgentToCustomer,
    long Errors,
    long HttpErrors,
    long SocketErrors,
    long HubErrors,
    long LateSends,
    double? MachineCpuPercent,
    double ClientCpuPercent)
{
    public static HandoffReport Create(
        HandoffSettings settings, DateTimeOffset startedAt, HandoffSetup setup, HandoffRun run, DeliveryLedger toAgent, DeliveryLedger toCustomer)
    {
        var httpErrors = run.Tallies.Sum(t => t.HttpErrors);
        var socketErrors = setup.Customers.Count(c => c.IsBroken);
        var hubErrors = setup.Agents.Sum(a => a.HubErrors);
        return new HandoffReport(
            Environment.ProcessorCount,
            RuntimeInformation.OSDescription,
            MachineDescription.Cpu,
            RuntimeInformation.FrameworkDescription,
            startedAt,
            settings.BaseUrl,
            settings.Agents,
            settings.Customers,
            settings.AgentCapacity,
            settings.MessagesPerSecond,
            Math.Round(setup.AgentsTook.TotalSeconds, 1),
            Math.Round(setup.HandoffsTook.TotalSeconds, 1),
            settings.WarmupSeconds,
            settings.DurationSeconds,
            DeliveryFigures.From(toAgent),
            DeliveryFigures.From(toCustomer),
            httpErrors + socketErrors + hubErrors,
            httpErrors,
            socketErrors,
            hubErrors,
            run.Tallies.Sum(t => t.LateSends),
            run.MachineCpuPercent is { } machine ? Math.Round(machine, 1) : null,
            Math.Round(run.ClientCpuPercent, 1));
    }

    public string ToJson() => JsonSerializer.Serialize(this, HandoffReportJson.Default.HandoffReport);

    public void WriteTable(TextWriter output)
    {
        output.WriteLine($"Handoff delivery: {Agents} agents, {Customers} customers, open loop at {N(MessagesPerSecond)} customer messages/s, each answered once");
        output.WriteLine($"  machine      {Cores} cores, {Cpu}, {Os}, {Runtime}");
        output.WriteLine($"  date (UTC)   {DateUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        output.WriteLine($"  url          {Url}");
        output.WriteLine($"  setup        agents signed in and connected in {N(AgentsSetupSeconds)} s, customers handed off in {N(HandoffsSetupSeconds)} s (capacity {AgentCapacity} each)");
        output.WriteLine($"  measured     {N(DurationSeconds)} s after {N(WarmupSeconds)} s warmup");
        output.WriteLine($"  latency ms       {"delivered",9} {"p50",7} {"p90",7} {"p99",7} {"max",7} {"timeouts",9}");
        Row(output, "customer→agent", CustomerToAgent);
        Row(output, "agent→customer", AgentToCustomer);
        output.WriteLine($"  errors       {Errors} ({HttpErrors} HTTP, {SocketErrors} socket, {HubErrors} hub)");
        output.WriteLine($"  late sends   {LateSends}");
        output.WriteLine($"  cpu          machine {N(MachineCpuPercent)}% busy, this benchmark {N(ClientCpuPercent)}% (of all {Cores} cores)");
    }

    private static void Row(TextWriter output, string direction, DeliveryFigures f) =>
        output.WriteLine($"  {direction,-16} {f.Delivered.ToString("N0", CultureInfo.InvariantCulture),9} {N(f.P50Ms),7} {N(f.P90Ms),7} {N(f.P99Ms),7} {N(f.MaxMs),7} {f.Timeouts,9}");

    private static string N(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HandoffReport))]
internal sealed partial class HandoffReportJson : JsonSerializerContext;
