using System.Data.Common;
using System.Globalization;

namespace SupportBot.Insights.Archive;

/// <summary>
/// The archive's schema versions: Sql/{sqlite|postgres}/NNN-name.sql, embedded, applied in order, each once, each in
/// its own transaction with its row in <c>schema_version</c>. Processes starting together serialise on a lock taken
/// before the version is read (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock), so the
/// loser of the race finds the work done and applies nothing.
/// </summary>
public static class ArchiveMigrations
{
    private const string ResourcePrefix = "SupportBot.Archive.";

    // Any fixed number: the advisory lock every SupportBot process takes to migrate a PostgreSQL archive.
    private const long PostgresLockKey = 0x5375_7070_4172_6368;

    private const string VersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at_ms BIGINT NOT NULL)";

    /// <summary>The migrations for the provider, by version, lowest first.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> All(ArchiveProvider provider)
    {
        var folder = Folder(provider);
        var assembly = typeof(ArchiveMigrations).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Select(name => (name, file: name.StartsWith(ResourcePrefix, StringComparison.Ordinal) ? name[ResourcePrefix.Length..].Replace('\\', '/') : ""))
            .Where(r => r.file.StartsWith(folder + "/", StringComparison.Ordinal))
            .Select(r => (r.name, file: r.file[(folder.Length + 1)..]))
            .Select(r => (Version: int.Parse(r.file[..3], NumberStyles.None, CultureInfo.InvariantCulture), Name: r.file, Sql: Read(assembly, r.name)))
            .OrderBy(m => m.Version)];
    }

    /// <summary>Applies what is missing, up to <paramref name="target"/> (all when null). Returns the version now in place.</summary>
    public static async Task<int> ApplyAsync(DbConnection connection, ArchiveProvider provider, TimeProvider clock, int? target = null, CancellationToken cancellationToken = default)
    {
        var current = 0;
        foreach (var migration in All(provider).Where(m => target is null || m.Version <= target))
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            if (provider == ArchiveProvider.Postgres)
            {
                await ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
            }

            // Under the lock: PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a concurrent one.
            await ExecuteAsync(connection, tx, VersionTable, cancellationToken);
            current = await CurrentAsync(connection, tx, cancellationToken);
            if (migration.Version <= current)
            {
                continue; // applied before, or by another process that held the lock first
            }

            await ExecuteAsync(connection, tx, migration.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.Transaction = tx;
            record.CommandText = "INSERT INTO schema_version (version, applied_at_ms) VALUES (@version, @at)";
            ArchiveSql.Add(record, "@version", migration.Version);
            ArchiveSql.Add(record, "@at", clock.GetUtcNow().ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            current = migration.Version;
        }

        return current;
    }

    /// <summary>The highest version recorded in schema_version, 0 for an empty archive.</summary>
    public static async Task<int> CurrentAsync(DbConnection connection, DbTransaction? tx, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static string Folder(ArchiveProvider provider) => provider == ArchiveProvider.Postgres ? "postgres" : "sqlite";

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Read(System.Reflection.Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
