using SupportBot.Insights.Archive;

namespace SupportBot.Tests.Insights.Archive;

public sealed class PostgresArchiveServerTests : ArchiveContract, IAsyncDisposable
{
    private readonly List<PostgresConversationArchive> _archives = [];

    protected override SqlConversationArchive CreateEmpty()
    {
        var archive = new PostgresConversationArchive(PostgresTestServer.IsolatedConnectionString(), Clock);
        _archives.Add(archive);
        return archive;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var archive in _archives)
        {
            await archive.DisposeAsync();
        }
    }
}
