namespace SupportBot.Redis;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>
    /// StackExchange.Redis configuration string; empty means the in-memory stores serve. With <c>serviceName=</c> the
    /// endpoints are Redis Sentinels, which name the primary and follow it through a failover.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Prefix of every key, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "sb:";

    /// <summary>
    /// How many replicas must have an appended activity before it is acknowledged (Redis WAIT); 0, the default, does not
    /// wait: a failover may then lose what the primary acknowledged but had not yet sent to its replica.
    /// </summary>
    public int WaitForReplicas { get; set; }

    /// <summary>The longest an append waits for <see cref="WaitForReplicas"/>; past it the activity is acknowledged all the same, with a warning.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>What is wrong with these options, or null.</summary>
    public string? Problem() =>
        WaitForReplicas < 0 ? "Redis:WaitForReplicas cannot be negative."
        : WaitTimeout < TimeSpan.FromMilliseconds(1) || WaitTimeout > TimeSpan.FromSeconds(30) ? "Redis:WaitTimeout must be between 1 millisecond and 30 seconds."
        : null;
}
