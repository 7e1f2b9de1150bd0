using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.DirectLine;

/// <summary>
/// The Direct Line rate limits (ASP.NET's RateLimiter), counted per conversation or per secret and only for callers
/// whose credential is valid for what they address: a stranger cannot spend a customer's allowance. The refusal
/// (429, the JSON error body, Retry-After) is the host's, shared with every other limit.
/// </summary>
public static class DirectLineRateLimits
{
    public const string TokenRefresh = "token-refresh";
    public const string Activities = "activities";
    public const string ConversationsPerSecret = "conversations-per-secret";
    public const string Streams = "streams";

    public static IServiceCollection AddDirectLineRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(TokenRefresh, context => PerMinute(context, Conversation(context, routed: false), o => o.TokenRefreshesPerMinute));
            limiter.AddPolicy(Activities, context => PerMinute(context, Conversation(context, routed: true), o => o.ActivitiesPerMinute));
            limiter.AddPolicy(ConversationsPerSecret, context => PerMinute(context, SecretHolder(context), o => o.ConversationsPerMinutePerSecret));
            limiter.AddPolicy(Streams, context => Conversation(context, routed: true) is { } conversation
                ? RateLimitPartition.GetConcurrencyLimiter(conversation, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = Options(context).StreamsPerConversation,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    private static RateLimitPartition<string> PerMinute(HttpContext context, string? key, Func<LimitsOptions, int> limit) => key is null
        ? RateLimitPartition.GetNoLimiter("")
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit(Options(context)),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>The conversation a valid credential is for (the route's, when the endpoint names one); null for anyone else, whom the endpoint refuses.</summary>
    private static string? Conversation(HttpContext context, bool routed)
    {
        var routeConversation = routed ? context.GetRouteValue("conversationId") as string : null;
        if (routed && routeConversation is null)
        {
            return null;
        }

        var credential = BearerToken.From(context.Request) ?? (routed ? context.Request.Query["t"].ToString() : null);
        var auth = context.RequestServices.GetRequiredService<DirectLineAuth>();
        return auth.Authorize(context, credential, routeConversation, out var caller) is null ? caller.Token?.ConversationId ?? routeConversation : null;
    }

    private static string? SecretHolder(HttpContext context) =>
        BearerToken.From(context.Request) is { } credential && context.RequestServices.GetRequiredService<TokenService>().IsSecret(credential)
            ? "secret"
            : null;

    private static LimitsOptions Options(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
}
