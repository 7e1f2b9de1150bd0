using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Conversations;
using SupportBot.Schema;

namespace SupportBot.Tests.Conversations;

/// <summary>What every <see cref="IConversationLog"/> must do; run against the in-memory twin and against real Redis.</summary>
public abstract class ConversationLogContract
{
    protected abstract IConversationLog CreateLog();

    protected static async Task<string> NewConversationAsync(IConversationLog log)
    {
        var id = ActivityIds.NewId();
        Assert.True(await log.CreateAsync(new ConversationRecord(id, "user-1", "Ada", "th-TH", DateTimeOffset.UtcNow)));
        return id;
    }

    protected static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    [Fact]
    public async Task AConversationIsCreatedOnceAndRemembersItsUser()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);

        var again = await log.CreateAsync(new ConversationRecord(id, "someone-else", null, null, DateTimeOffset.UtcNow));
        var record = await log.GetAsync(id);

        Assert.False(again);
        Assert.Equal(("user-1", "Ada", "th-TH"), (record!.UserId, record.UserName, record.Locale));
        Assert.Null(await log.GetAsync("does-not-exist"));
    }

    [Fact]
    public async Task ConversationsAreListedByWhenTheyWereCreated()
    {
        var log = CreateLog();
        var start = DateTimeOffset.UtcNow.AddDays(-3);
        var ids = new List<string>();
        for (var day = 0; day < 3; day++)
        {
            var id = ActivityIds.NewId();
            await log.CreateAsync(new ConversationRecord(id, "user-1", null, null, start.AddDays(day)));
            ids.Add(id);
        }

        var middle = await log.ListAsync(start.AddHours(12), start.AddDays(2));
        var all = await log.ListAsync(start, start.AddDays(3));

        Assert.Equal([ids[1]], middle);
        Assert.Equal(ids, all.Where(ids.Contains));
    }

    [Fact]
    public async Task ALongListLeavesOutExactlyTheDeletedConversationsAndKeepsItsOrder()
    {
        // More than two of the Redis log's chunks of 512, the last one partial, with deleted ids in each.
        var log = CreateLog();
        var start = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds()); // as a store keeps it
        var kept = new List<ConversationRecord>();
        for (var i = 0; i < 1_300; i++)
        {
            var record = new ConversationRecord(ActivityIds.NewId(), $"user-{i % 3}", i % 2 == 0 ? null : $"Name {i}", "en", start.AddMilliseconds(i));
            await log.CreateAsync(record);
            if (i % 7 == 3 || i == 511 || i == 512 || i == 1_299)
            {
                Assert.True(await log.DeleteAsync(record.Id));
            }
            else
            {
                kept.Add(record);
            }
        }

        Assert.Equal(kept.Select(r => r.Id), await log.ListAsync(start, start.AddMilliseconds(1_300)));
        Assert.Equal(kept, await log.ListRecordsAsync(start, start.AddMilliseconds(1_300))); // with each one's owner, for a privacy request
    }

    [Fact]
    public async Task AppendedActivitiesGetDirectLineIdsInOrder()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);

        var first = await log.AppendAsync(id, Message("one"));
        var secondActivity = Message("two");
        var second = await log.AppendAsync(id, secondActivity);

        Assert.Equal((1L, 2L), (first.Sequence, second.Sequence));
        Assert.Equal(($"{id}|0000001", $"{id}|0000002"), (first.Id, second.Id));
        Assert.Equal($"{id}|0000002", secondActivity.Id);
        var stored = JsonSerializer.Deserialize((await log.ReadAsync(id, 1, 1)).Single().Json, SchemaJson.Wire.Activity)!;
        Assert.Equal(($"{id}|0000002", "two"), (stored.Id, stored.Text));
    }

    [Fact]
    public async Task TimestampsStrictlyIncreaseEvenForActivitiesInTheSameMillisecond()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);

        var stamps = new List<DateTimeOffset>();
        for (var i = 0; i < 30; i++)
        {
            var activity = Message($"m{i}");
            await log.AppendAsync(id, activity);
            stamps.Add(activity.Timestamp!.Value);
        }

        Assert.All(stamps.Zip(stamps.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.First:O} !< {pair.Second:O}"));
        Assert.All(stamps, s => Assert.Equal(TimeSpan.Zero, s.Offset));
    }

    [Fact]
    public async Task ReadingAfterAWatermarkReturnsOnlyNewerActivities()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);
        for (var i = 1; i <= 5; i++)
        {
            await log.AppendAsync(id, Message($"m{i}"));
        }

        var afterTwo = await log.ReadAsync(id, 2, 100);
        var firstTwo = await log.ReadAsync(id, 0, 2);
        var pastTheEnd = await log.ReadAsync(id, 5, 100);

        Assert.Equal([3L, 4L, 5L], afterTwo.Select(a => a.Sequence));
        Assert.Equal([1L, 2L], firstTwo.Select(a => a.Sequence));
        Assert.Empty(pastTheEnd);
        Assert.Contains("\"text\":\"m3\"", afterTwo[0].Json);
    }

    [Fact]
    public async Task ReadingAsUtf8GivesTheSameActivitiesAsTheirStringsInEveryScript()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);
        foreach (var text in (string[])["สั่งซื้อของฉันอยู่ที่ไหนคะ", "أين طلبي؟ 🙂", "Где мой заказ?", "line\nbreak \"quoted\"", "m5"])
        {
            await log.AppendAsync(id, Message(text));
        }

        var strings = await log.ReadAsync(id, 1, 3);
        var bytes = await log.ReadUtf8Async(id, 1, 3);

        Assert.Equal([2L, 3L, 4L], bytes.Select(a => a.Sequence));
        Assert.Equal(strings.Select(a => (a.ConversationId, a.Sequence, a.Json)), bytes.Select(a => (a.ConversationId, a.Sequence, System.Text.Encoding.UTF8.GetString(a.Utf8Json.Span))));
        await Assert.ThrowsAsync<ConversationNotFoundException>(() => log.ReadUtf8Async("nope", 0, 10));
    }

    [Fact]
    public async Task AnUnknownConversationCannotBeWrittenOrRead()
    {
        var log = CreateLog();

        await Assert.ThrowsAsync<ConversationNotFoundException>(() => log.AppendAsync("nope", Message("x")));
        await Assert.ThrowsAsync<ConversationNotFoundException>(() => log.ReadAsync("nope", 0, 10));
    }

    [Fact]
    public async Task SubscribersSeeEveryAppendInOrderUntilTheyUnsubscribe()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);
        var seen = new ConcurrentQueue<long>();
        var subscription = await log.SubscribeAsync(id, a => seen.Enqueue(a.Sequence));

        for (var i = 0; i < 20; i++)
        {
            await log.AppendAsync(id, Message($"m{i}"));
        }

        await WaitUntil(() => seen.Count == 20);
        subscription.Dispose();
        await log.AppendAsync(id, Message("after"));
        await Task.Delay(200);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task SubscribersGetEachActivitysJsonExactlyAsTheLogKeepsItInEveryScript()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);
        var seen = new ConcurrentQueue<(long Sequence, string Json)>();
        using var subscription = await log.SubscribeAsync(id, a => seen.Enqueue((a.Sequence, System.Text.Encoding.UTF8.GetString(a.Utf8Json.Span))));
        string[] texts = ["สั่งซื้อของฉันอยู่ที่ไหนคะ", "أين طلبي؟ 🙂", "Где мой заказ?", "line\nbreak \"quoted\""];

        foreach (var text in texts)
        {
            await log.AppendAsync(id, Message(text));
        }

        await WaitUntil(() => seen.Count == texts.Length);
        var stored = await log.ReadAsync(id, 0, 10);
        Assert.Equal(stored.Select(a => (a.Sequence, a.Json)), seen);
        Assert.Equal(texts, seen.Select(a => JsonNode.Parse(a.Json)!["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SubscribersOfOneConversationDoNotSeeAnother()
    {
        var log = CreateLog();
        var mine = await NewConversationAsync(log);
        var other = await NewConversationAsync(log);
        var seen = new ConcurrentQueue<string>();
        using var subscription = await log.SubscribeAsync(mine, a => seen.Enqueue(a.ConversationId));

        await log.AppendAsync(other, Message("not for you"));
        await log.AppendAsync(mine, Message("for you"));

        await WaitUntil(() => !seen.IsEmpty);
        await Task.Delay(100);
        Assert.Equal([mine], seen);
    }

    [Fact]
    public async Task AListenerHearsAnAppendMadeTheMomentItsSubscriptionReturns()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);
        var seen = new ConcurrentQueue<long>();

        using var subscription = await log.SubscribeAsync(id, a => seen.Enqueue(a.Sequence));
        await log.AppendAsync(id, Message("right away"));

        await WaitUntil(() => !seen.IsEmpty);
        Assert.Equal([1L], seen);
    }

    [Fact]
    public async Task ListenersThatComeAndGoKeepHearingWhileAnyOfThemStays()
    {
        var log = CreateLog();
        var id = await NewConversationAsync(log);
        var first = new ConcurrentQueue<long>();
        var second = new ConcurrentQueue<long>();

        var one = await log.SubscribeAsync(id, a => first.Enqueue(a.Sequence));
        one.Dispose();
        var two = await log.SubscribeAsync(id, a => second.Enqueue(a.Sequence));
        var three = await log.SubscribeAsync(id, a => first.Enqueue(a.Sequence));
        two.Dispose();
        await log.AppendAsync(id, Message("still heard"));
        await WaitUntil(() => !first.IsEmpty);
        three.Dispose();
        using var four = await log.SubscribeAsync(id, a => second.Enqueue(a.Sequence));
        await log.AppendAsync(id, Message("heard again"));
        await WaitUntil(() => !second.IsEmpty);

        Assert.Equal([1L], first);
        Assert.Equal([2L], second);
    }

    protected static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }
}
