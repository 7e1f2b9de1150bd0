namespace SupportBot.Web.Hosting;

/// <summary>
/// The one reading of an <c>Authorization: Bearer ...</c> header, for the customers' Direct Line calls and the
/// agents' API alike: the scheme in any case, the credential trimmed.
/// </summary>
public static class BearerToken
{
    private const string Scheme = "Bearer ";

    /// <summary>The credential after the scheme (empty when nothing follows it), or null without a bearer header; the caller answers 401.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
    }
}
