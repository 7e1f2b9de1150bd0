using System.Data.Common;
using Npgsql;

namespace SupportBot.Insights.Archive;

/// <summary>The archive in PostgreSQL (Archive:ConnectionString), through one pooled Npgsql data source per process.</summary>
public sealed class PostgresConversationArchive(string connectionString, TimeProvider clock) : SqlConversationArchive(clock), IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public override ArchiveProvider Provider => ArchiveProvider.Postgres;

    // Two workers writing one conversation at once: the second waits, then sees the first's archived_seq.
    protected override string RowLock => "FOR UPDATE";

    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        await _source.OpenConnectionAsync(cancellationToken);

    protected override string Fold(string column) => $"lower({column})";

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
