namespace SupportBot.Bench;

/// <summary>What one run of the handoff benchmark was asked to do.</summary>
internal sealed record HandoffSettings
{
    /// <summary>Without --rate, each customer writes once every this many seconds (and its agent answers each message).</summary>
    public const double SecondsBetweenMessages = 4;

    public Uri Url { get; init; } = new("http://127.0.0.1:5080");

    public int Agents { get; init; } = 100;

    public int Customers { get; init; } = 200;

    /// <summary>Total customer messages a second across all customers; null means one per customer every 4 s.</summary>
    public double? Rate { get; init; }

    public double DurationSeconds { get; init; } = 30;

    public double WarmupSeconds { get; init; } = 5;

    /// <summary>The server's Redis (its Redis:ConnectionString), where the agent accounts are seeded.</summary>
    public string Redis { get; init; } = "127.0.0.1:6379";

    /// <summary>The server's Redis:KeyPrefix.</summary>
    public string Prefix { get; init; } = "sb:";

    public bool Json { get; init; }

    public double MessagesPerSecond => Rate ?? Customers / SecondsBetweenMessages;

    /// <summary>Room for an even share of the customers and one more, so auto-assignment never runs out.</summary>
    public int AgentCapacity => (Customers + Agents - 1) / Agents + 1;

    /// <summary>The base URL without a trailing slash, so paths can be appended to it.</summary>
    public string BaseUrl => Url.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
