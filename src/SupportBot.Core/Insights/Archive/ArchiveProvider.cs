namespace SupportBot.Insights.Archive;

/// <summary>Which database holds the archive: the SQL of a query that differs between the two is chosen by it.</summary>
public enum ArchiveProvider
{
    Sqlite,
    Postgres,
}
