using SupportBot.Handoff.Agents;

namespace SupportBot.Web.Agents;

/// <summary>
/// Closes this process's console connections whose session ended anywhere: at once on the store's news of it
/// (Redis pub/sub across processes), and by a check of every open session every two seconds, for news that was
/// missed (a dropped subscription) and for accounts changed behind the store's back (a hash entry deleted by hand,
/// an account gone from this process's configuration).
/// </summary>
public sealed class AgentSessionWatcher(
    IAgentSessions sessions, AgentGate gate, AgentConnections connections, AgentSigningKey key, ILogger<AgentSessionWatcher> logger)
    : BackgroundService
{
    // Well inside the 5 s in which an ended session must lose its connections, for a handful of reads per agent.
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscribed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!subscribed)
                {
                    await key.GetAsync();
                    await sessions.SubscribeAsync(Close, stoppingToken);
                    subscribed = true;
                }

                foreach (var (agentId, sessionId) in connections.Sessions)
                {
                    if ((await gate.CheckSessionAsync(agentId, sessionId, stoppingToken)).Agent is null)
                    {
                        Close(sessionId);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store is down: the connections stay as they are until it answers again.
                logger.LogWarning(e, "Checking the agents' sessions failed; trying again in {Interval}.", CheckInterval);
            }

            await Task.Delay(CheckInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Close(string sessionId)
    {
        if (connections.Close(sessionId) is > 0 and var closed)
        {
            logger.LogInformation("Session {SessionId} ended: closed its {Count} console connection(s) on this process.", sessionId, closed);
        }
    }
}
