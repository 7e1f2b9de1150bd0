using System.Net;
using Microsoft.Extensions.Options;

namespace SupportBot.Web.BotFramework;

/// <summary>
/// Which connectors this server may call: a service URL taken from an anonymous request would otherwise let anyone
/// make the server post wherever they like. Those that came with a valid Bot Framework token are trusted; others
/// must match Bot:AllowedServiceUrls, by default loopback addresses (the Emulator, the Playground) in anonymous mode.
/// </summary>
public sealed class ServiceUrlPolicy(IOptions<BotFrameworkOptions> options)
{
    public bool MayCall(string serviceUrl, bool authenticated)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        if (authenticated)
        {
            return true;
        }

        var o = options.Value;
        return o.AllowedServiceUrls is { Length: > 0 } allowed
            ? allowed.Any(a => Matches(uri, new Uri(a)))
            : o.IsAnonymous && IsLoopback(uri);
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static bool Matches(Uri uri, Uri allowed)
    {
        var prefix = allowed.AbsolutePath.TrimEnd('/');
        return string.Equals(uri.Scheme, allowed.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Host, allowed.Host, StringComparison.OrdinalIgnoreCase)
            && uri.Port == allowed.Port
            && (uri.AbsolutePath == prefix || uri.AbsolutePath.StartsWith(prefix + "/", StringComparison.Ordinal));
    }
}
