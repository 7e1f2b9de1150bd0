using Microsoft.Extensions.Time.Testing;
using SupportBot.Conversations;
using SupportBot.Insights.Archive;
using SupportBot.Schema;

namespace SupportBot.Tests.Insights.Archive;

/// <summary>The memory conversation log's twin of archive:pending, where it differs from a plain queue.</summary>
public sealed class MemoryArchiveQueueTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task APartOfALongConversationMovesTheMarkAndKeepsTheHoldAndTheQueuedTime()
    {
        var log = new MemoryConversationLog(_clock);
        var id = Guid.NewGuid().ToString("N");
        await log.CreateAsync(new ConversationRecord(id, "user-1", null, "en", _clock.GetUtcNow()));
        await log.AppendAsync(id, Bot("one"));
        await log.AppendAsync(id, Bot("two"));
        _clock.Advance(TimeSpan.FromSeconds(10));
        await log.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero);

        await log.MarkArchivedAsync(id, 1, readAt: null);

        Assert.Empty(await log.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero)); // still this worker's: it goes on with "two"
        Assert.Equal(TimeSpan.FromSeconds(10), await log.LagAsync()); // "two" waits since it came, not since the part's read

        await log.ReleaseAsync([id]); // out of time: the next pass takes it at once, even with a settle time
        Assert.Equal([id], await log.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.FromSeconds(5)));

        await log.MarkArchivedAsync(id, 2, _clock.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, await log.LagAsync());
    }

    private static Activity Bot(string text) =>
        new() { Type = ActivityTypes.Message, Text = text, ChannelId = Channels.DirectLine, From = new ChannelAccount("bot", null, RoleTypes.Bot) };
}
