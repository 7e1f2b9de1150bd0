using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using SupportBot.Insights.Archive;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Archive;

namespace SupportBot.Tests.Archive;

/// <summary>The startup line that tells an operator where closed conversations are kept and for how long.</summary>
public class ArchiveReportTests
{
    [Fact]
    public async Task TheServerSaysAtStartupWhichSqliteFileKeepsTheArchive()
    {
        var path = Path.Combine(Path.GetTempPath(), $"supportbot-report-{Guid.NewGuid():N}.db");
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Archive:SqlitePath"] = path,
            ["Archive:RetentionDays"] = "30",
        });

        var line = Assert.Single(app.Logs.Entries, e => e.Category == typeof(ArchiveReport).FullName);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains($"SQLite file {path}", line.Message);
        Assert.Contains("kept 30 days", line.Message);
    }

    [Fact]
    public void APostgresArchiveIsNamedByHostAndDatabaseAndNeverByItsPassword()
    {
        var logs = new LogCapture();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var options = new ArchiveOptions { ConnectionString = "Host=archive.internal;Port=5433;Database=desk;Username=bot;Password=hunter2-secret", RetentionDays = 0 };

        _ = new ArchiveReport(Options.Create(options), new HostingEnvironment { ContentRootPath = "/srv" }, factory.CreateLogger<ArchiveReport>());

        var line = Assert.Single(logs.Entries).Message;
        Assert.Contains("PostgreSQL database desk on archive.internal:5433 as bot", line);
        Assert.Contains("kept for ever", line);
        Assert.DoesNotContain("hunter2", line);
    }
}
