using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using SupportBot.Handoff.Desk;

namespace SupportBot.Web.Agents;

/// <summary>
/// Every hub call's failure, logged once and at its level: a refusal (a <see cref="HubException"/> "code: message")
/// at information without a stack trace, so no agent can flood the error log; anything else at error, answered
/// "server_error: ..." so the console still shows a code. Registered first, it also sees what later filters throw.
/// </summary>
public sealed partial class AgentHubErrors(ILogger<AgentHubErrors> logger) : IHubFilter
{
    /// <summary>
    /// The largest message the hub reads. Over it SignalR closes the connection, so it sits well above what any
    /// argument may be (a message is 4,000 characters): an oversize argument gets a refusal, not a dropped console.
    /// </summary>
    public const int MaxMessageBytes = 128 * 1024;

    /// <summary>
    /// SignalR's dispatcher logs every exception a hub method throws, refusals included, at error level with the
    /// stack; that is its only line above debug, and this filter writes the right one instead.
    /// </summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocation);
        }
        catch (HubException refusal)
        {
            LogRefused(invocation.HubMethodName, invocation.Context.UserIdentifier, refusal.Message);
            throw;
        }
        catch (OperationCanceledException) when (invocation.Context.ConnectionAborted.IsCancellationRequested)
        {
            LogAbandoned(invocation.HubMethodName, invocation.Context.UserIdentifier);
            throw new HubException($"{DeskCodes.ServerError}: The connection closed before the call finished.");
        }
        catch (Exception e)
        {
            LogFailed(e, invocation.HubMethodName, invocation.Context.UserIdentifier);
            throw new HubException($"{DeskCodes.ServerError}: The server failed to answer; the problem has been logged.");
        }
    }

    [LoggerMessage(LogLevel.Information, "Agent {AgentId} was refused {HubMethod}: {Refusal}")]
    private partial void LogRefused(string hubMethod, string? agentId, string refusal);

    [LoggerMessage(LogLevel.Information, "{HubMethod} of agent {AgentId} stopped: the connection closed")]
    private partial void LogAbandoned(string hubMethod, string? agentId);

    [LoggerMessage(LogLevel.Error, "{HubMethod} failed for agent {AgentId}")]
    private partial void LogFailed(Exception exception, string hubMethod, string? agentId);
}

public static class AgentHubErrorsRegistration
{
    /// <summary>
    /// Arguments that do not bind answer "bad_argument: ..." (<see cref="CodedJsonHubProtocol"/>), and the
    /// dispatcher's duplicate error line is silenced for every log provider, unless configuration names its category.
    /// </summary>
    public static ISignalRServerBuilder AddAgentHubErrors(this ISignalRServerBuilder signalR)
    {
        // After AddSignalR's own JSON protocol: the resolver keeps the last protocol of a name.
        signalR.Services.AddSingleton<IHubProtocol>(sp => new CodedJsonHubProtocol(ActivatorUtilities.CreateInstance<JsonHubProtocol>(sp)));
        signalR.Services.PostConfigure<LoggerFilterOptions>(options =>
        {
            if (options.Rules.Any(r => r.CategoryName == AgentHubErrors.DispatcherCategory))
            {
                return;
            }

            // A rule for one provider overrides every rule for all of them, so each such provider needs its own.
            foreach (var provider in options.Rules.Select(r => r.ProviderName).Distinct().ToList())
            {
                options.Rules.Add(new LoggerFilterRule(provider, AgentHubErrors.DispatcherCategory, LogLevel.None, null));
            }

            if (!options.Rules.Any(r => r.ProviderName is null && r.CategoryName == AgentHubErrors.DispatcherCategory))
            {
                options.Rules.Add(new LoggerFilterRule(null, AgentHubErrors.DispatcherCategory, LogLevel.None, null));
            }
        });
        return signalR;
    }
}
