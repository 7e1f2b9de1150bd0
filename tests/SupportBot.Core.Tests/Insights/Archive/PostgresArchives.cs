using SupportBot.Insights.Archive;

namespace SupportBot.Tests.Insights.Archive;

/// <summary>Fresh PostgreSQL archives for *ServerTests, each in a schema of its own on the test server, disposed together.</summary>
public sealed class PostgresArchives(TimeProvider clock) : IAsyncDisposable
{
    private readonly List<PostgresConversationArchive> _archives = [];

    public PostgresConversationArchive Create()
    {
        var archive = new PostgresConversationArchive(PostgresTestServer.IsolatedConnectionString(), clock);
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
