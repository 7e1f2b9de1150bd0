using SupportBot.Insights.Archive;

namespace SupportBot.Tests.Insights.Archive;

public sealed class SqliteArchiveTests : ArchiveContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("supportbot-archive-").FullName;

    protected override SqlConversationArchive CreateEmpty() => new SqliteConversationArchive(Path.Combine(_directory, $"{Guid.NewGuid():N}.db"), Clock);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
