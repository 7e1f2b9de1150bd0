using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SupportBot.Web.DirectLine;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Hosting;

/// <summary>
/// The Direct Line rate limits (ASP.NET's RateLimiter), counted per conversation or per secret and only for callers
/// whose credential is valid for what they address: a stranger cannot spend a customer's allowance. Every refusal,
/// these and the per-client ones on widget sessions and agent sign-in, is 429 with the JSON error body and Retry-After.
/// </summary>
public static class RateLimits
{
    public const string TokenRefresh = "token-refresh";
    public const string Activities = "activities";
    public const string ConversationsPerSecret = "conversations-per-secret";
    public const string Streams = "streams";

    // A socket's place frees when another socket closes, which no limiter can foretell: a short, honest guess.
    private static readonly TimeSpan StreamRetry = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : StreamRetry;
                await RetryAfter.TooManyRequests(ErrorCodes.TooManyRequests, $"Too many requests; retry in {RetryAfter.Seconds(wait)} seconds.", wait)
                    .ExecuteAsync(context.HttpContext);
            };
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

        var credential = DirectLineAuth.BearerCredential(context.Request) ?? (routed ? context.Request.Query["t"].ToString() : null);
        var auth = context.RequestServices.GetRequiredService<DirectLineAuth>();
        return auth.Authorize(context, credential, routeConversation, out var caller) is null ? caller.Token?.ConversationId ?? routeConversation : null;
    }

    private static string? SecretHolder(HttpContext context) =>
        DirectLineAuth.BearerCredential(context.Request) is { } credential && context.RequestServices.GetRequiredService<TokenService>().IsSecret(credential)
            ? "secret"
            : null;

    private static LimitsOptions Options(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
}
