using System.Data.Common;
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

    // The figures' queries over 100,000 conversations cost enough by the planner's estimate to be compiled (JIT), and
    // compiling took longer than running them: 1.2 of the 1.8 s of the summary's conversation counts. A session setting
    // on every new physical connection (a startup option would be refused by a PgBouncer in front), kept by not
    // resetting connections returned to the pool: the archive leaves no other session state behind (its advisory lock
    // is a transaction's).
    private const string JitOff = "SET jit = off";

    private static NpgsqlDataSource Source(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        return builder.UsePhysicalConnectionInitializer(WithoutJit, WithoutJitAsync).Build();
    }

    private static void WithoutJit(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(JitOff, connection);
        command.ExecuteNonQuery();
    }

    private static async Task WithoutJitAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(JitOff, connection);
        await command.ExecuteNonQueryAsync();
    }
}
