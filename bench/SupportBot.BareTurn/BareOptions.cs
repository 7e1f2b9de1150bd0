namespace SupportBot.BareTurn;

/// <summary>
/// Settings under the same names SupportBot uses, so bench/run-directline.sh starts both servers with one
/// environment: Redis:ConnectionString, Redis:KeyPrefix and DirectLine:Secret.
/// </summary>
public sealed class BareOptions
{
    public string RedisConnectionString { get; set; } = "";

    public string KeyPrefix { get; set; } = "bare:";

    public string Secret { get; set; } = "";

    public static BareOptions From(IConfiguration configuration) => new()
    {
        RedisConnectionString = configuration["Redis:ConnectionString"] ?? "",
        KeyPrefix = configuration["Redis:KeyPrefix"] is { Length: > 0 } prefix ? prefix : "bare:",
        Secret = configuration["DirectLine:Secret"] ?? "",
    };
}
