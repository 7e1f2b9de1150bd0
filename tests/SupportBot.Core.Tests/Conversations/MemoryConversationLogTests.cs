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

    [Fact]
    public async Task AConversationIdleLongerThanItsTtlIsGoneLikeAnExpiredRedisKey()
    {
        var clock = new SettableClock { Now = DateTimeOffset.Parse("2026-11-22T10:00:00Z") };
        var log = new MemoryConversationLog(clock, Microsoft.Extensions.Options.Options.Create(new ConversationOptions { Ttl = TimeSpan.FromHours(1) }));
        var active = await NewConversationAsync(log);
        var idle = await NewConversationAsync(log);

        clock.Now = clock.Now.AddMinutes(50);
        await log.AppendAsync(active, Message("still here"));
        clock.Now = clock.Now.AddMinutes(20);

        Assert.NotNull(await log.GetAsync(active));
        Assert.Null(await log.GetAsync(idle));
        await Assert.ThrowsAsync<ConversationNotFoundException>(() => log.ReadAsync(idle, 0, 10));
    }

    /// <summary>A clock that may be set backwards, as a real one can be after an NTP correction.</summary>
    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
