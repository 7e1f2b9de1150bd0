using SupportBot.Insights.Archive;

namespace SupportBot.Tests.Insights.Archive;

public sealed class PostgresArchiveServerTests : ArchiveContract, IAsyncDisposable
{
    private PostgresArchives? _archives;

    protected override SqlConversationArchive CreateEmpty() => (_archives ??= new PostgresArchives(Clock)).Create();

    public ValueTask DisposeAsync() => _archives?.DisposeAsync() ?? ValueTask.CompletedTask;
}
