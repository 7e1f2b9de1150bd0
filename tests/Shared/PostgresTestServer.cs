using Npgsql;

namespace SupportBot.Tests;

/// <summary>
/// The real PostgreSQL server that archive tests named *ServerTests talk to: SUPPORTBOT_TEST_POSTGRES (an Npgsql
/// connection string), which test.sh sets after starting a private cluster. Under CI a missing server fails the
/// test; elsewhere it skips with a message saying how to get one.
/// </summary>
public static class PostgresTestServer
{
    public const string EnvironmentVariable = "SUPPORTBOT_TEST_POSTGRES";

    private static readonly Lazy<(string? ConnectionString, string? Problem)> Shared = new(Probe);

    /// <summary>
    /// A connection string whose search path is a schema of its own, just created, so tests share one server
    /// without seeing each other's tables; or the test stops here (skipped locally, failed under CI).
    /// </summary>
    public static string IsolatedConnectionString()
    {
        var (connectionString, problem) = Shared.Value;
        if (connectionString is null)
        {
            if (RedisTestServer.IsCi)
            {
                Assert.Fail($"CI=true and PostgreSQL is not reachable: {problem}");
            }

            Assert.Skip($"PostgreSQL is not reachable ({problem}); run ./test.sh, which starts one, or set {EnvironmentVariable}.");
        }

        var schema = $"test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(connectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;
    }

    private static (string?, string?) Probe()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return (null, $"{EnvironmentVariable} is not set");
        }

        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(configured) { Timeout = 3 }.ConnectionString);
            connection.Open();
            return (configured, null);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            return (null, $"{configured}: {e.Message}");
        }
    }
}
