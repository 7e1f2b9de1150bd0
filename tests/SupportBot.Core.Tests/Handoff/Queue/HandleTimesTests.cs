using Microsoft.Extensions.Time.Testing;
using SupportBot.Handoff;
using SupportBot.Handoff.Queue;

namespace SupportBot.Tests.Handoff.Queue;

/// <summary>The wait estimate's handle time: measured from the day's ended chats once there are enough of them.</summary>
public sealed class HandleTimesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly MemoryHandoffStore _store = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly HandoffOptions _options = new() { AverageHandleTime = TimeSpan.FromMinutes(4) };

    [Fact]
    public async Task UntilFiveChatsHaveEndedTheConfiguredTimeIsUsed()
    {
        foreach (var minutes in new[] { 10, 20, 30, 40 })
        {
            await EndedChatAsync(minutes);
        }

        Assert.Equal(TimeSpan.FromMinutes(4), await new HandleTimes(_store, _options, _clock).AverageAsync());
    }

    [Fact]
    public async Task FiveEndedChatsGiveTheirMeanClaimToEndTime()
    {
        foreach (var minutes in new[] { 2, 4, 6, 8, 10 })
        {
            await EndedChatAsync(minutes);
        }

        Assert.Equal(TimeSpan.FromMinutes(6), await new HandleTimes(_store, _options, _clock).AverageAsync());
    }

    [Fact]
    public async Task TheFigureIsKeptForAMinuteThenMeasuredAgain()
    {
        var times = new HandleTimes(_store, _options, _clock);
        Assert.Equal(TimeSpan.FromMinutes(4), await times.AverageAsync());
        foreach (var minutes in new[] { 10, 10, 10, 10, 10 })
        {
            await EndedChatAsync(minutes);
        }

        var within = await times.AverageAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var after = await times.AverageAsync();

        Assert.Equal((TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(10)), (within, after));
    }

    [Fact]
    public async Task ChatsLeftOpenForHoursCountAsAnHourAtMost()
    {
        foreach (var minutes in new[] { 600, 600, 600, 600, 600 })
        {
            await EndedChatAsync(minutes);
        }

        Assert.Equal(TimeSpan.FromHours(1), await new HandleTimes(_store, _options, _clock).AverageAsync());
    }

    private async Task EndedChatAsync(int minutes)
    {
        var id = Guid.NewGuid().ToString("N");
        var ended = _clock.GetUtcNow().AddMinutes(-1);
        var claimed = ended.AddMinutes(-minutes);
        await _store.EnqueueAsync(new HandoffRecord
        {
            ConversationId = id, Reason = HandoffReasons.CustomerRequest, Language = "en", Skill = "general", UserId = "u",
            QueuedAt = claimed.AddMinutes(-1), Stage = HandoffStage.Queued,
        });
        await _store.ClaimAsync(id, "anna", "Anna", 100, claimed);
        await _store.EndAsync(id, "anna", HandoffStage.Closed, new HandoffResolution("warranty", [], null), ended);
    }
}
