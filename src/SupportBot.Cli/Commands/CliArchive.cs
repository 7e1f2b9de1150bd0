using System.CommandLine;
using System.Text.Json;
using SupportBot.Insights.Archive;

namespace SupportBot.Cli.Commands;

/// <summary>
/// Finds the conversation archive the way the server does: Archive:ConnectionString (PostgreSQL) or
/// Archive:SqlitePath, from the environment (Archive__ConnectionString, Archive__SqlitePath, as run.sh exports) or
/// else the server's appsettings.json (--config); a relative SQLite path starts at that file's folder, the server's
/// content root. --archive (<see cref="CliOptions.Archive"/>) names one outright.
/// </summary>
internal static class CliArchive
{
    public const string DefaultConfig = "src/SupportBot.Web/appsettings.json";

    public static Option<string> Config() => CliOptions.Text("--config", "The server's settings file, read for its Archive section.", "appsettings.json", DefaultConfig);

    /// <summary>The archive --archive names, else the server's; the file must exist already (reading never creates an empty one).</summary>
    public static IConversationArchive Open(string? archive, string config)
    {
        if (archive is { Length: > 0 })
        {
            return CliOptions.OpenArchive(archive);
        }

        var (connection, sqlite) = FromConfiguration(config);
        if (connection is not null)
        {
            return new PostgresConversationArchive(connection, TimeProvider.System);
        }

        return File.Exists(sqlite)
            ? new SqliteConversationArchive(sqlite!, TimeProvider.System)
            : throw new FileNotFoundException($"No archive at {sqlite}: start the server once (it creates it), or name one with --archive.");
    }

    private static (string? Connection, string? Sqlite) FromConfiguration(string config)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(config))!;
        var section = File.Exists(config) ? Section(config) : default;
        var connection = Environment.GetEnvironmentVariable("Archive__ConnectionString") is { Length: > 0 } fromEnvironment ? fromEnvironment : section.Connection;
        var path = Environment.GetEnvironmentVariable("Archive__SqlitePath") is { Length: > 0 } file ? file : section.Sqlite ?? new ArchiveOptions().SqlitePath;
        return string.IsNullOrWhiteSpace(connection) ? (null, Path.GetFullPath(Path.Combine(root, path))) : (connection, null);
    }

    private static (string? Connection, string? Sqlite) Section(string config)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(config), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.TryGetProperty(ArchiveOptions.Section, out var section) && section.ValueKind == JsonValueKind.Object
            ? (Text(section, nameof(ArchiveOptions.ConnectionString)), Text(section, nameof(ArchiveOptions.SqlitePath)))
            : default;
    }

    private static string? Text(JsonElement section, string name) =>
        section.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
