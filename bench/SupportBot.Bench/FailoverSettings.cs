namespace SupportBot.Bench;

/// <summary>What one run of the failover benchmark was asked to do.</summary>
internal sealed record FailoverSettings
{
    public Uri Url { get; init; } = new("http://127.0.0.1:5080");

    public string Secret { get; init; } = "bench-secret";

    public int Conversations { get; init; } = 20;

    public int KillPid { get; init; }

    public double KillAfterSeconds { get; init; } = 5;

    public double AfterSeconds { get; init; } = 10;

    public string BaseUrl => Url.ToString().TrimEnd('/');
}
