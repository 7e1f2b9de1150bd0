using Microsoft.Extensions.Time.Testing;
using SupportBot.Conversations;
using SupportBot.Schema;

namespace SupportBot.Tests.Conversations;

/// <summary>
/// How far each /api/messages conversation's connector has taken it, and which conversations the sweep must send
/// (again): what survives a killed process. Run against the in-memory twin and against real Redis.
/// </summary>
public abstract class DeliveryMarksContract
{
    protected static readonly TimeSpan RedeliverAfter = TimeSpan.FromSeconds(30);

    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-12-03T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A log on <see cref="Clock"/> with <see cref="RedeliverAfter"/>.</summary>
    protected abstract IConversationLog CreateLog();

    private async Task<string> NewConversationAsync(IConversationLog log, string id)
    {
        Assert.True(await log.CreateAsync(new ConversationRecord(id, "user-1", null, "en-US", Clock.GetUtcNow())));
        return id;
    }

    private static Activity BotSays(string text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = new ChannelAccount("bot", "Bot", RoleTypes.Bot),
        Recipient = new ChannelAccount("user-1", null, RoleTypes.User),
    };

    [Fact]
    public async Task WhatIsSaidInAChannelConversationIsDueForTheSweepAfterRedeliverAfterUntilItsConnectorTookIt()
    {
        var log = CreateLog();
        var channel = await NewConversationAsync(log, ChannelConversationIds.For("emulator", Guid.NewGuid().ToString()));
        var widget = await NewConversationAsync(log, ActivityIds.NewId());
        await log.AppendAsync(channel, BotSays("hello"));
        await log.AppendAsync(widget, BotSays("hello"));

        var atOnce = await log.ClaimUndeliveredAsync(10);
        Clock.Advance(RedeliverAfter);
        var later = await log.ClaimUndeliveredAsync(10);
        var before = await log.GetDeliveredAsync(channel);
        await log.MarkDeliveredAsync(channel, 1);

        Assert.Empty(atOnce); // the live delivery has its chance first
        Assert.Equal([channel], later); // a widget's customers read the log itself
        Assert.Equal((0L, 1L), (before, await log.GetDeliveredAsync(channel)));
        Assert.Empty(await log.ClaimUndeliveredAsync(10));
    }

    [Fact]
    public async Task TheMarkNeverMovesBackAndProgressWithMoreLeftPutsTheNextSweepOff()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log, ChannelConversationIds.For("msteams", Guid.NewGuid().ToString()));
        await log.AppendAsync(id, BotSays("one"));
        await log.AppendAsync(id, BotSays("two"));
        await log.AppendAsync(id, BotSays("three"));
        Clock.Advance(RedeliverAfter);

        await log.MarkDeliveredAsync(id, 2);
        await log.MarkDeliveredAsync(id, 1); // a slower process that delivered less
        var rightAfter = await log.ClaimUndeliveredAsync(10);
        Clock.Advance(RedeliverAfter);

        Assert.Equal(2, await log.GetDeliveredAsync(id));
        Assert.Empty(rightAfter);
        Assert.Equal([id], await log.ClaimUndeliveredAsync(10));
    }

    [Fact]
    public async Task AConversationOneSweepClaimedIsLeftToItByTheNextSweepUntilRedeliverAfter()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log, ChannelConversationIds.For("emulator", Guid.NewGuid().ToString()));
        await log.AppendAsync(id, BotSays("hello"));
        Clock.Advance(RedeliverAfter);

        var first = await log.ClaimUndeliveredAsync(10);
        var second = await log.ClaimUndeliveredAsync(10);
        Clock.Advance(RedeliverAfter);

        Assert.Equal([id], first);
        Assert.Empty(second);
        Assert.Equal([id], await log.ClaimUndeliveredAsync(10)); // its claimer died without a word
    }

    [Fact]
    public async Task EachFailedSendDoublesTheWaitBeforeTheNextSweepAndASuccessForgetsThem()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log, ChannelConversationIds.For("emulator", Guid.NewGuid().ToString()));
        await log.AppendAsync(id, BotSays("hello"));
        Clock.Advance(RedeliverAfter);

        var first = await log.PostponeDeliveryAsync(id);
        Clock.Advance(RedeliverAfter - TimeSpan.FromSeconds(1));
        var early = await log.ClaimUndeliveredAsync(10);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var due = await log.ClaimUndeliveredAsync(10);
        var second = await log.PostponeDeliveryAsync(id);
        Clock.Advance(2 * RedeliverAfter - TimeSpan.FromSeconds(1));
        var stillEarly = await log.ClaimUndeliveredAsync(10);
        await log.MarkDeliveredAsync(id, 0); // a success that delivered nothing new: the count starts again
        await log.AppendAsync(id, BotSays("again"));

        Assert.Equal((1, 2), (first, second));
        Assert.Equal((0, 1, 0), (early.Count, due.Count, stillEarly.Count));
        Assert.Equal(1, await log.PostponeDeliveryAsync(id));
    }
}
