using System.Net;
using Microsoft.Extensions.Options;

namespace SupportBot.Web.Metrics;

/// <summary>
/// Whether a client may read /metrics: loopback, or an address in Metrics:AllowedNetworks. The address is the one
/// the forwarded-headers middleware settled on, so only a trusted proxy can name a client, and a client cannot
/// pass itself off as loopback through one (the proxy appends the address it saw, which is the one read).
/// </summary>
public sealed class MetricsAccess(IOptions<MetricsOptions> options)
{
    private readonly IPNetwork[] _allowed = [.. options.Value.Networks.Select(n => IPNetwork.Parse(n))];

    public bool Allows(IPAddress? address)
    {
        // .NET matches an IPv4 client a dual-stack socket reports as ::ffff:a.b.c.d against IPv4 networks and loopback.
        return address is not null && (IPAddress.IsLoopback(address) || _allowed.Any(n => n.Contains(address)));
    }
}
