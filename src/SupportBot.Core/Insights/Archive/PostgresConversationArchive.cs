using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;

namespace SupportBot.Insights.Archive;

/// <summary>The archive in PostgreSQL (Archive:ConnectionString), through one pooled Npgsql data source per process.</summary>
public sealed class PostgresConversationArchive(string connectionString, TimeProvider clock) : SqlConversationArchive(clock), IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = Source(connectionString);

    public override ArchiveProvider Provider => ArchiveProvider.Postgres;

    // Two workers writing one conversation at once: the second waits, then sees the first's archived_seq.
    protected override string RowLock => "FOR UPDATE";

    // Any fixed number for the first key: a customer's lock is (it, the hash of the customer id), apart from the
    // migration's single-key lock.
    protected override string? CustomerLock(string customerId) => $"pg_advisory_xact_lock(1131377011, hashtext({customerId}))";

    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        await _source.OpenConnectionAsync(cancellationToken);

    protected override string Fold(string column) => $"lower({column})";

    protected override string TextFromUtf8(string parameter) => $"convert_from({parameter}, 'UTF8')";

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    // Two session settings on every new physical connection (a startup option would be refused by a PgBouncer in
    // front), kept by not resetting connections returned to the pool: the archive leaves no other session state behind
    // (its advisory lock is a transaction's). A setting the connection string's Options names ("-c jit=on") is the
    // operator's and is left alone, e.g. parallel workers on a server with cores to spare.
    // - jit off: the figures' queries over 100,000 conversations cost enough by the planner's estimate to be compiled,
    //   and compiling took longer than running them (1.2 of the 1.8 s of the summary's conversation counts).
    // - no parallel workers: each is a new server process that loads its caches before it helps, which on two cores
    //   cost more than it saved: the insights page over 100,000 conversations took 1,126 ms warm with them (1,640 ms of
    //   the server's CPU) and 380 ms without (530 ms), the surveys' join 97 ms against 23 (2026-12-06, PostgreSQL 15).
    private static readonly (string Name, string Value)[] Defaults = [("jit", "off"), ("max_parallel_workers_per_gather", "0")];

    /// <summary>The SET statements a new connection runs: each default the connection string's Options does not name.</summary>
    internal static string SessionSettings(string? options) => string.Join("; ", Defaults
        .Where(d => options is null || !Regex.IsMatch(options, $@"(^|[\s-]){d.Name}\s*=", RegexOptions.IgnoreCase))
        .Select(d => $"SET {d.Name} = {d.Value}"));

    private static NpgsqlDataSource Source(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        var settings = SessionSettings(builder.ConnectionStringBuilder.Options);
        return settings.Length == 0
            ? builder.Build()
            : builder.UsePhysicalConnectionInitializer(c => Configure(c, settings), c => ConfigureAsync(c, settings)).Build();
    }

    private static void Configure(NpgsqlConnection connection, string settings)
    {
        using var command = new NpgsqlCommand(settings, connection);
        command.ExecuteNonQuery();
    }

    private static async Task ConfigureAsync(NpgsqlConnection connection, string settings)
    {
        await using var command = new NpgsqlCommand(settings, connection);
        await command.ExecuteNonQueryAsync();
    }
}
