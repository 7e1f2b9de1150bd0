using Microsoft.AspNetCore.SignalR;

namespace SupportBot.Web.Agents;

/// <summary>
/// Holds every hub call to the rule the API follows: the session must still be live and the account enabled. A
/// call on an ended session closes the connection and fails with "SessionEnded"; connections are tracked by session
/// so that ending one elsewhere closes them here (<see cref="AgentSessionWatcher"/>).
/// </summary>
public sealed class AgentSessionFilter(AgentGate gate, AgentConnections connections, ILogger<AgentSessionFilter> logger) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var agent = SignedInAgent.From(context.Context.User);
        connections.Track(agent.Id, agent.SessionId, context.Context);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.Untrack(context.Context.ConnectionId);
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var agent = SignedInAgent.From(invocation.Context.User);
        var check = await gate.CheckSessionAsync(agent.Id, agent.SessionId, invocation.Context.ConnectionAborted);
        if (check.Agent is null)
        {
            logger.LogInformation("Hub call {Method} refused: the session of {AgentId} has ended; closing the connection.", invocation.HubMethodName, agent.Id);
            connections.Close(agent.SessionId);
            invocation.Context.Abort();
            throw new HubException($"SessionEnded: {AgentGate.SessionEnded}");
        }

        return await next(invocation);
    }
}
