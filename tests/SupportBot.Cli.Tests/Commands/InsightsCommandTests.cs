using System.Text.Json.Nodes;
using SupportBot.Insights.Archive;

namespace SupportBot.Tests.Commands;

/// <summary><c>supportbot insights</c> from a shell: the API's summary, as JSON or a table, read from the archive file.</summary>
public sealed class InsightsCommandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("insights-cli-").FullName;

    private string ArchivePath => Path.Combine(_folder, "archive.db");

    public async ValueTask InitializeAsync()
    {
        var archive = new SqliteConversationArchive(ArchivePath, TimeProvider.System);
        await archive.MigrateAsync();
        await ArchiveSeed.Conversation("kept", "a", Nine).Customer("where is my order").Bot().SaveAsync(archive);
        await ArchiveSeed.Conversation("handed", "b", Nine, "th").Customer("ขอคุยกับเจ้าหน้าที่").Bot()
            .Handoff("customer_request", HandoffOutcomes.Closed, pickup: 20, firstReply: 30, end: 200, agent: "anna").Survey(4, 10)
            .SaveAsync(archive);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task JsonIsTheSummaryTheApiAnswers()
    {
        var run = await CliRunner.RunAsync("insights", "--from", "2026-11-02", "--to", "2026-11-02", "--json", "--archive", ArchivePath);

        Assert.Equal(0, run.ExitCode);
        var summary = JsonNode.Parse(run.Output)!;
        Assert.Equal((2, 1, 50.0), (summary["conversations"]!.GetValue<int>(), summary["contained"]!.GetValue<int>(), summary["containmentRate"]!.GetValue<double>()));
        Assert.Equal((1, 100.0), (summary["nps"]!["responses"]!.GetValue<int>(), summary["nps"]!["score"]!.GetValue<double>()));
    }

    [Fact]
    public async Task TheTableNamesEachFigureAndTheLanguageFilterApplies()
    {
        var run = await CliRunner.RunAsync("insights", "--from", "2026-11-01", "--to", "2026-11-30", "--lang", "th", "--archive", ArchivePath);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Insights 2026-11-01 to 2026-11-30 (th, all channels)", run.Output);
        Assert.Matches(@"Conversations\s+1\n", run.Output);
        Assert.Matches(@"Time to pickup p50 / p90\s+20 s / 20 s", run.Output);
    }

    [Fact]
    public async Task ABadDateOrAMissingArchiveIsWrongUsageAndAMissingConfiguredArchiveAFailure()
    {
        var bad = await CliRunner.RunAsync("insights", "--from", "2026-11-31", "--to", "2026-12-01", "--archive", ArchivePath);
        var missing = await CliRunner.RunAsync("insights", "--from", "2026-11-01", "--to", "2026-11-02", "--archive", Path.Combine(_folder, "none.db"));
        File.WriteAllText(Path.Combine(_folder, "appsettings.json"), """{ "Archive": { "SqlitePath": "data/gone.db" } }""");
        var configured = await CliRunner.RunAsync("insights", "--from", "2026-11-01", "--to", "2026-11-02", "--config", Path.Combine(_folder, "appsettings.json"));

        Assert.Equal((2, 2, 1), (bad.ExitCode, missing.ExitCode, configured.ExitCode));
        Assert.Contains("--from", bad.Error);
        Assert.Contains("no SQLite archive", missing.Error);
        Assert.Contains($"No archive at {Path.Combine(_folder, "data", "gone.db")}", configured.Error);
        Assert.False(File.Exists(Path.Combine(_folder, "none.db")));
    }

    [Fact]
    public async Task TheArchiveIsFoundThroughTheServersSettingsFile()
    {
        File.WriteAllText(Path.Combine(_folder, "appsettings.json"), """{ "Archive": { "SqlitePath": "archive.db" } }""");

        var run = await CliRunner.RunAsync("insights", "--from", "2026-11-02", "--to", "2026-11-02", "--json", "--config", Path.Combine(_folder, "appsettings.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, JsonNode.Parse(run.Output)!["conversations"]!.GetValue<int>());
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
