using Microsoft.Extensions.Options;
using Npgsql;
using SupportBot.Insights.Archive;

namespace SupportBot.Web.Archive;

/// <summary>Says at startup where closed conversations are kept, and for how long, beside where live ones are.</summary>
internal sealed class ArchiveReport
{
    public ArchiveReport(IOptions<ArchiveOptions> options, IHostEnvironment environment, ILogger<ArchiveReport> logger)
    {
        var archive = options.Value;
        var kept = archive.RetentionDays == 0 ? "for ever" : $"{archive.RetentionDays} days";
        if (!archive.Enabled)
        {
            logger.LogInformation("Conversation archive: off (Archive:Enabled is false); history, insights and exports see only what the conversation store still holds.");
        }
        else if (archive.UsesPostgres)
        {
            // The connection string's host, port, database and user only: never its password.
            var postgres = new NpgsqlConnectionStringBuilder(archive.ConnectionString);
            logger.LogInformation("Conversation archive: PostgreSQL database {Database} on {Host}:{Port} as {User} (Archive:ConnectionString); conversations kept {Kept} (Archive:RetentionDays).",
                postgres.Database, postgres.Host, postgres.Port, postgres.Username, kept);
        }
        else
        {
            logger.LogInformation("Conversation archive: SQLite file {Path} (Archive:SqlitePath; set Archive:ConnectionString for PostgreSQL); conversations kept {Kept} (Archive:RetentionDays).",
                SqlitePath(archive, environment), kept);
        }

        if (archive is { Enabled: true, Worker: false })
        {
            logger.LogInformation("Archive worker: off in this process (Archive:Worker is false); its conversations are queued for a process that runs it.");
        }
    }

    /// <summary>The SQLite file the options name: a relative path is from the server's content root.</summary>
    public static string SqlitePath(ArchiveOptions options, IHostEnvironment environment) =>
        Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.SqlitePath));
}
