using System.Threading.RateLimiting;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Hosting;

/// <summary>
/// How every rate limit refuses (ASP.NET's RateLimiter): the features add their own policies (Direct Line's per
/// conversation and per secret, the widget's sessions and the agents' sign-in per client); each refusal is 429 with
/// the JSON error body and Retry-After.
/// </summary>
public static class RateLimits
{
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
        });
        return services;
    }
}
