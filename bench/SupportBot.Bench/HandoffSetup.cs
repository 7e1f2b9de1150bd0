using System.Diagnostics;

namespace SupportBot.Bench;

/// <summary>
/// Brings agents and customers to the measured state: every agent signed in with its hub connected, every
/// customer handed off, with the bot's "has joined" on its socket and its agent holding the chat.
/// </summary>
internal sealed class HandoffSetup(HttpClient http, HandoffSettings settings, ChatAssignments assignments, DeliveryLedger toAgent, DeliveryLedger toCustomer)
    : IAsyncDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan HandoffTimeout = TimeSpan.FromSeconds(30);

    // Sign-in runs PBKDF2 on the server and each handoff a coordinator pass: a few at a time keeps setup from
    // measuring bursts, and keeps it from stalling a small machine.
    private const int AgentParallelism = 4;
    private const int CustomerParallelism = 16;

    public List<AgentClient> Agents { get; } = [];

    public List<CustomerClient> Customers { get; } = [];

    public TimeSpan AgentsTook { get; private set; }

    public TimeSpan HandoffsTook { get; private set; }

    public async Task ConnectAgentsAsync(IReadOnlyList<string> ids, string password)
    {
        var started = Stopwatch.GetTimestamp();
        await StepAsync($"Connecting {ids.Count} agents", ids.Count, AgentParallelism, async (i, ct) =>
        {
            var agent = await AgentClient.ConnectAsync(http, settings.BaseUrl, ids[i], password, assignments, toAgent, toCustomer, ct);
            lock (Agents)
            {
                Agents.Add(agent);
            }
        });
        AgentsTook = Stopwatch.GetElapsedTime(started);
    }

    public async Task HandOffCustomersAsync()
    {
        var started = Stopwatch.GetTimestamp();
        await StepAsync($"Handing off {settings.Customers} customers", settings.Customers, CustomerParallelism, async (i, ct) =>
        {
            var customer = await CustomerClient.StartAsync(http, settings.BaseUrl, i, toAgent, toCustomer, ct);
            lock (Customers)
            {
                Customers.Add(customer);
            }

            // One customer left waiting means a misconfigured server, not a slow one: say so well before the step times out.
            using var handoff = CancellationTokenSource.CreateLinkedTokenSource(ct);
            handoff.CancelAfter(HandoffTimeout);
            try
            {
                await customer.AskForAgentAsync(handoff.Token);
                await assignments.WaitAsync(customer.ConversationId, handoff.Token);
            }
            catch (OperationCanceledException ex) when (handoff.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new BenchSetupException(
                    $"No agent took conversation {customer.ConversationId} within {HandoffTimeout.TotalSeconds} s of asking for one. " +
                    "Is the server running with Handoff__AutoAssign=true, on the Redis and key prefix given with --redis and --prefix?", ex);
            }
        });
        HandoffsTook = Stopwatch.GetElapsedTime(started);
    }

    private static async Task StepAsync(string what, int count, int parallelism, Func<int, CancellationToken, Task> one)
    {
        Console.Error.WriteLine($"{what} ...");
        using var timeout = new CancellationTokenSource(StepTimeout);
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, count),
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = timeout.Token },
                async (i, ct) => await one(i, ct));
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new BenchSetupException($"{what} took longer than {StepTimeout.TotalSeconds} s.", ex);
        }
        catch (Exception ex) when (ex is not BenchSetupException)
        {
            throw new BenchSetupException($"{what} failed: {ex.Message}", ex);
        }
    }

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(Customers.Select(c => c.DisposeAsync().AsTask()).Concat(Agents.Select(a => a.DisposeAsync().AsTask())));
}
