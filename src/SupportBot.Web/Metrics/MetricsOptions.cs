namespace SupportBot.Web.Metrics;

/// <summary>Who may read /metrics, section "Metrics". Loopback always may; nothing configured means loopback only.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Networks in CIDR form ("10.0.0.0/8") whose clients (after trusted proxies' X-Forwarded-For) may scrape.</summary>
    public string[] AllowedNetworks { get; set; } = [];

    public IEnumerable<string> Networks => AllowedNetworks.Where(n => !string.IsNullOrWhiteSpace(n));
}
