using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using SupportBot.Schema;
using SupportBot.Web.DirectLine;
using SupportBot.Web.Errors;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.BotFramework;

/// <summary>
/// The Bot Framework channel: <c>POST /api/messages</c>, where Azure Bot Service (Teams, Slack...), the Emulator and
/// the Agents Playground post activities, and the connector client the replies go back through.
/// </summary>
public static class BotFrameworkApi
{
    public const string Route = "/api/messages";

    public static IHostApplicationBuilder AddBotFrameworkChannel(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BotFrameworkOptions>().BindConfiguration(BotFrameworkOptions.Section)
            .Validate(o => o.Problem() is null, "Bot: MicrosoftAppPassword is needed with MicrosoftAppId; OpenIdMetadataUrl, EntraOpenIdMetadataUrl, TokenEndpoint and AllowedServiceUrls are absolute http(s) URLs; ConnectorRetries is 0-10 and ConnectorRetryDelay positive.")
            .ValidateOnStart();
        services.AddSingleton<ServiceUrlPolicy>();
        services.AddSingleton<BotFrameworkAuth>();
        services.AddSingleton<ConnectorTokens>();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<BotFrameworkConversations>();
        services.AddSingleton<ConnectorOutbox>();
        services.AddSingleton<IChannelOutbox>(sp => sp.GetRequiredService<ConnectorOutbox>());
        services.AddHostedService<ConnectorRedelivery>();
        services.AddHttpClient(nameof(BotFrameworkAuth));
        services.AddHttpClient(nameof(ConnectorTokens));
        var connector = builder.Configuration.GetSection(BotFrameworkOptions.Section).Get<BotFrameworkOptions>() ?? new BotFrameworkOptions();
        services.AddHttpClient(nameof(ConnectorClient)).AddResilienceHandler("connector", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            // The defaults retry 408, 429, 5xx and network failures, waiting as long as a Retry-After header says.
            MaxRetryAttempts = Math.Max(1, connector.ConnectorRetries),
            ShouldHandle = connector.ConnectorRetries == 0 ? _ => ValueTask.FromResult(false) : new HttpRetryStrategyOptions().ShouldHandle,
            Delay = connector.ConnectorRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        }));

        // Its constructor says whether /api/messages is off, anonymous or authenticated: a line for the startup log.
        services.AddBuiltAtStartup<BotFrameworkAuth>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBotFrameworkChannel(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, PostActivity);
        return app;
    }

    private static async Task<IResult> PostActivity(
        HttpRequest request, BotFrameworkAuth auth, ActivityRequestReader reader, ServiceUrlPolicy serviceUrls,
        BotFrameworkConversations conversations, ILogger<BotFrameworkConversations> logger, CancellationToken cancellationToken)
    {
        if (await auth.AuthenticateAsync(request, cancellationToken) is not { } caller)
        {
            return Unauthorized();
        }

        var (activity, error) = await reader.ReadJsonAsync(request, SchemaJson.Wire.Activity, optional: false, cancellationToken);
        if ((error ?? BotFrameworkActivities.Validate(activity!, reader)) is { } invalid)
        {
            return invalid;
        }

        if (!BotFrameworkAuth.ServiceUrlMatches(caller, activity!.ServiceUrl!))
        {
            logger.LogInformation("Refused an /api/messages activity: its serviceUrl {ServiceUrl} is not the one its token names", activity.ServiceUrl);
            return Unauthorized();
        }

        if (!serviceUrls.MayCall(activity.ServiceUrl!, caller.Authenticated))
        {
            logger.LogInformation("Refused an anonymous /api/messages activity from {ServiceUrl}: not in Bot:AllowedServiceUrls", activity.ServiceUrl);
            return ApiError.Result(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Replies cannot be sent to this serviceUrl; list it in Bot:AllowedServiceUrls.");
        }

        if (!BotFrameworkActivities.IsHandled(activity))
        {
            return Results.Ok(); // installation updates, reactions...: received, nothing to say
        }

        var replies = await conversations.ReceiveAsync(activity, caller.Authenticated, cancellationToken);
        return replies is null
            ? Results.Ok()
            : Results.Text($"{{\"activities\":{JsonSerializer.Serialize(replies.ToList(), SchemaJson.Wire.ListActivity)}}}", "application/json; charset=utf-8");
    }

    private static IResult Unauthorized() =>
        ApiError.Result(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "A valid Bot Framework token is required.");
}
