using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace SupportBot.Web.Hosting;

/// <summary>
/// Which reverse proxies may tell the client's address (X-Forwarded-For) and scheme (X-Forwarded-Proto), section
/// "ForwardedHeaders". Nothing configured: loopback only, ASP.NET's default, so a proxy on the same machine works and
/// a client connecting directly cannot pick its own address.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses ("10.0.0.5"). Configuring any proxy or network replaces the loopback default.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form ("10.0.0.0/8").</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row to believe, counted from this server (X-Forwarded-For is read right to left).</summary>
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<string> Proxies => KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p));

    public IEnumerable<string> Networks => KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n));
}

public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.Section)
            .Validate(o => o.Proxies.All(p => IPAddress.TryParse(p, out _)), "ForwardedHeaders:KnownProxies must be IP addresses.")
            .Validate(o => o.Networks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "ForwardedHeaders:KnownNetworks must be CIDR networks such as 10.0.0.0/8.")
            .Validate(o => o.ForwardLimit >= 1, "ForwardedHeaders:ForwardLimit must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            var proxies = trusted.Value;
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxies.ForwardLimit;
            if (!proxies.Proxies.Any() && !proxies.Networks.Any())
            {
                return;
            }

            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Proxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.Networks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }
}
