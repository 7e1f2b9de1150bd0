using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Desk;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.Redis;
using SupportBot.Web.Errors;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.Agents;

/// <summary>
/// The agents' side: sign-in, the console's page and SignalR script, and the hub. With Redis configured, SignalR
/// uses the Redis backplane so an agent on one process reaches a customer on another.
/// </summary>
public static class AgentApi
{
    public const string HubPath = "/hubs/agents";
    public const string SignInRateLimit = "agent-sign-in";

    public const string SignalRScriptPath = "node_modules/@microsoft/signalr/dist/browser/signalr.min.js";

    /// <summary>The agents' accounts, sign-in and sessions, the desk, and the hub (on the Redis backplane when the stores are in Redis).</summary>
    public static IHostApplicationBuilder AddAgentConsole(this IHostApplicationBuilder builder, StoreChoice stores)
    {
        var services = builder.Services;
        services.AddOptions<AgentsOptions>().BindConfiguration(AgentsOptions.Section)
            .Validate(o => o.SignInFailuresPerAddress > 0 && o.SignInFailuresBeforeBackoff > 0 && o.SignInsPerMinutePerClient > 0, "Agents:SignInFailuresPerAddress, SignInFailuresBeforeBackoff and SignInsPerMinutePerClient must be positive.")
            .Validate(o => o.SignInFailureWindow > TimeSpan.Zero && o.SignInBackoffMax >= TimeSpan.FromSeconds(1) && o.SignInTrustedAddressLifetime >= TimeSpan.Zero, "Agents:SignInFailureWindow must be positive, SignInBackoffMax at least a second.")
            .Validate(o => o.TokenLifetime >= TimeSpan.FromMinutes(5), "Agents:TokenLifetime must be at least 5 minutes.")
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.PresenceTimeout > o.HeartbeatInterval, "Agents:PresenceTimeout must be longer than HeartbeatInterval.")
            .Validate(o => o.Accounts.All(a => a.Id.Length > 0 && a.Capacity > 0 && a.Roles.All(AgentRoles.All.Contains)), "Every Agents:Accounts entry needs an Id, a positive Capacity and known Roles.")
            .ValidateOnStart();
        services.AddSingleton<AgentTokens>();
        services.AddSingleton<AgentSignIn>();
        services.AddSingleton<AgentConnections>();
        // With Redis, a signal raised in one process reaches the lease holder's queue policy in another at once.
        services.AddSingleton(sp => sp.GetService<IConnectionMultiplexer>() is { } redis
            ? RedisQueueSignal.Create(redis, sp.GetRequiredService<RedisKeys>())
            : new QueueSignal());
        services.AddSingleton<ChatViews>();
        services.AddSingleton<IAgentNotifier, AgentNotifier>();
        services.AddSingleton<IDeskChannel, DeskChannel>();
        services.AddSingleton<IDeskNotifier, AgentDeskNotifier>();
        services.AddSingleton<IIntentList, DialogIntentList>();
        services.AddSingleton<IQueueChannel, QueueChannel>();
        services.AddSingleton<AgentDesk>();
        services.AddSingleton(sp =>
        {
            var bot = sp.GetRequiredService<IOptions<BotOptions>>().Value;
            return new CannedResponses(Path.GetFullPath(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, bot.DialogsPath)));
        });
        services.AddBuiltAtStartup<CannedResponses>(); // a bad canned-responses file stops the server at startup
        services.AddRateLimiter(limiter => limiter.AddPolicy(SignInRateLimit, context => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
            {
                PermitLimit = context.RequestServices.GetRequiredService<IOptions<AgentsOptions>>().Value.SignInsPerMinutePerClient,
                Window = TimeSpan.FromMinutes(1),
            })));
        // No default scheme (a lone scheme would become it): only the endpoints that ask for agents run AgentAuth,
        // never a customer's Direct Line call.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AgentAuth>(AgentAuth.SchemeName, null);
        services.AddAuthorization();
        services.AddAgentSessions();

        var signalR = services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = AgentHubErrors.MaxMessageBytes;
            o.AddFilter<AgentHubErrors>(); // first, so it logs and codes what every later filter throws too
            o.AddFilter<AgentSessionFilter>();
        }).AddAgentHubErrors();
        if (stores.UsesRedis)
        {
            signalR.AddStackExchangeRedis(stores.Redis.ConnectionString, o =>
            {
                o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal($"{stores.Redis.KeyPrefix}signalr");
                SupportBot.Redis.RedisFailover.Prepare(o.Configuration);
            });
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapAgents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/agent/api/sign-in", SignInAsync).RequireRateLimiting(SignInRateLimit);
        app.MapGet("/agent/signalr.js", SignalRScript);
        app.MapHub<AgentHub>(HubPath);
        app.MapAgentSessions();
        app.MapLockouts();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpRequest request, AgentSignIn signIn, CancellationToken cancellationToken)
    {
        SignInRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<SignInRequest>(cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return ApiError.BadRequest(ErrorCodes.BadSyntax, "The body must be JSON: {\"name\": \"...\", \"password\": \"...\"}.");
        }

        if (string.IsNullOrWhiteSpace(body?.Name) || string.IsNullOrEmpty(body.Password))
        {
            return ApiError.BadRequest(ErrorCodes.MissingProperty, "Both \"name\" and \"password\" are required.");
        }

        if (body.Name.Length > 100 || body.Password.Length > 1000)
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, "The name or the password is too long.");
        }

        return await signIn.SignInAsync(body.Name, body.Password, request.HttpContext.Connection.RemoteIpAddress, cancellationToken);
    }

    private static IResult SignalRScript(IWebHostEnvironment environment)
    {
        var file = new PhysicalFileProvider(environment.ContentRootPath).GetFileInfo(SignalRScriptPath);
        return file.Exists
            ? Results.File(file.PhysicalPath!, "text/javascript; charset=utf-8", lastModified: file.LastModified)
            : ApiError.Result(503, ErrorCodes.ServiceUnavailable, "The SignalR client is not installed on this server: run 'npm ci' in src/SupportBot.Web (./run.sh does).");
    }
}
