namespace SupportBot.Redis;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string; empty means the in-memory stores serve.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Prefix of every key, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "sb:";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);
}
