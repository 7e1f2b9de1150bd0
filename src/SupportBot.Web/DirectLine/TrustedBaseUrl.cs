using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using SupportBot.Web.Errors;

namespace SupportBot.Web.DirectLine;

/// <summary>
/// The base of every URL this server hands out (streamUrl, attachment contentUrls, the activities' serviceUrl):
/// DirectLine:PublicBaseUrl, or the request's own Host when it is one of DirectLine:AllowedHosts. Whoever sends a
/// request chooses its Host header, and the URLs built from it are stored in conversations and shown to customers,
/// so an unknown Host is refused before anything is built from it.
/// </summary>
public static class TrustedBaseUrl
{
    public static bool IsTrusted(HttpRequest request, DirectLineOptions options) =>
        !string.IsNullOrEmpty(options.PublicBaseUrl)
        || (request.Host.HasValue && HostString.MatchesAny(request.Host.Value, [.. options.TrustedHosts.Select(h => new StringSegment(h))]));

    /// <summary>The base URL, without a trailing slash. Only for requests <see cref="RequireTrustedHost{T}"/> let through.</summary>
    public static string Of(HttpRequest request, DirectLineOptions options) =>
        !string.IsNullOrEmpty(options.PublicBaseUrl) ? options.PublicBaseUrl.TrimEnd('/')
        : IsTrusted(request, options) ? $"{request.Scheme}://{request.Host}{request.PathBase}"
        : throw new InvalidOperationException($"Host '{request.Host}' is not trusted; the endpoint should have refused it.");

    /// <summary>Refuses a request whose Host is not trusted with 400 BadHost, unless PublicBaseUrl makes the Host irrelevant.</summary>
    public static TBuilder RequireTrustedHost<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value;
            return IsTrusted(context.HttpContext.Request, options)
                ? await next(context)
                : ApiError.BadRequest(ErrorCodes.BadHost,
                    "This server does not answer to that Host. Its operator sets DirectLine:PublicBaseUrl, or lists the host in DirectLine:AllowedHosts.");
        });

    /// <summary>For startup validation: empty, or an absolute http(s) URL with no query.</summary>
    public static bool IsValidPublicBaseUrl(string value) =>
        value.Length == 0
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0);

    /// <summary>For startup validation: host names only; "*" would trust every Host header again.</summary>
    public static bool AreValidHosts(IReadOnlyList<string> hosts) =>
        hosts.All(h => h.Length > 0 && h != "*" && !h.Contains('/', StringComparison.Ordinal));
}
