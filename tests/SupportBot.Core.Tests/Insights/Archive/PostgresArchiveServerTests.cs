using System.Data.Common;
using Npgsql;
using SupportBot.Insights.Archive;

namespace SupportBot.Tests.Insights.Archive;

public sealed class PostgresArchiveServerTests : ArchiveContract, IAsyncDisposable
{
    private PostgresArchives? _archives;

    [Fact]
    public async Task ItsConnectionsNeitherCompileQueriesNorStartParallelWorkers()
    {
        // What keeps the insights page under a second over 100,000 conversations on a two-core server: both cost more
        // than they saved there (PostgresConversationArchive). A connection back from the pool keeps them.
        var archive = CreateEmpty();
        for (var i = 0; i < 2; i++)
        {
            await using var connection = await archive.OpenConnectionAsync();
            Assert.Equal("off", await ShowAsync(connection, "jit"));
            Assert.Equal("0", await ShowAsync(connection, "max_parallel_workers_per_gather"));
        }
    }

    [Fact]
    public async Task AnOperatorsOptionsInTheConnectionStringWin()
    {
        // A server with cores to spare may want its parallel workers back: the connection string's Options say so.
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresTestServer.IsolatedConnectionString())
        {
            Options = "-c max_parallel_workers_per_gather=3",
        }.ConnectionString;
        await using var archive = new PostgresConversationArchive(connectionString, Clock);
        await using var connection = await archive.OpenConnectionAsync();

        Assert.Equal("3", await ShowAsync(connection, "max_parallel_workers_per_gather"));
        Assert.Equal("off", await ShowAsync(connection, "jit"));
    }

    [Theory]
    [InlineData(null, "SET jit = off; SET max_parallel_workers_per_gather = 0")]
    [InlineData("-c search_path=jitters", "SET jit = off; SET max_parallel_workers_per_gather = 0")]
    [InlineData("-c jit=on", "SET max_parallel_workers_per_gather = 0")]
    [InlineData("--max_parallel_workers_per_gather=4 -c JIT = on", "")]
    public void OnlyTheSettingsOptionsDoNotNameAreSet(string? options, string expected) =>
        Assert.Equal(expected, PostgresConversationArchive.SessionSettings(options));

    protected override SqlConversationArchive CreateEmpty() => (_archives ??= new PostgresArchives(Clock)).Create();

    public ValueTask DisposeAsync() => _archives?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static async Task<string?> ShowAsync(DbConnection connection, string setting)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SHOW {setting}";
        return (string?)await command.ExecuteScalarAsync();
    }
}
