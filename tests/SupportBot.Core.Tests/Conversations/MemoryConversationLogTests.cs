using SupportBot.Conversations;

namespace SupportBot.Tests.Conversations;

public class MemoryConversationLogTests : ConversationLogContract
{
    protected override IConversationLog CreateLog() => new MemoryConversationLog();

    [Fact]
    public async Task TimestampsStillIncreaseWhenTheClockStandsStillOrGoesBack()
    {
        var clock = new SettableClock { Now = DateTimeOffset.Parse("2026-11-22T10:00:00Z") };
        var log = new MemoryConversationLog(clock);
        var id = await NewConversationAsync(log);

        var first = Message("a");
        await log.AppendAsync(id, first);
        clock.Now = DateTimeOffset.Parse("2026-11-22T09:00:00Z");
        var second = Message("b");
        await log.AppendAsync(id, second);

        Assert.Equal(TimeSpan.FromMilliseconds(1), second.Timestamp - first.Timestamp);
    }

    /// <summary>A clock that may be set backwards, as a real one can be after an NTP correction.</summary>
    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
