using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Conversations;
using SupportBot.Redis;
using SupportBot.Schema;

namespace SupportBot.Tests.Conversations;

public sealed class RedisConversationLogServerTests : ConversationLogContract
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();

    protected override IConversationLog CreateLog() => CreateLog(RedisTestServer.Connect(), TimeSpan.FromDays(7));

    private RedisConversationLog CreateLog(IConnectionMultiplexer redis, TimeSpan ttl)
    {
        var log = new RedisConversationLog(redis, new RedisKeys(_prefix), Options.Create(new ConversationOptions { Ttl = ttl }),
            TimeProvider.System, NullLogger<RedisConversationLog>.Instance);
        return log;
    }

    [Fact]
    public async Task ASecondProcessSharesTheSequenceAndHearsEveryAppend()
    {
        var shared = RedisTestServer.Connect();
        using var otherConnection = await RedisTestServer.ConnectAnotherAsync();
        var first = CreateLog(shared, TimeSpan.FromDays(1));
        var second = CreateLog(otherConnection, TimeSpan.FromDays(1));
        var id = await NewConversationAsync(first);
        var heardBySecond = new ConcurrentQueue<long>();
        using var subscription = await second.SubscribeAsync(id, a => heardBySecond.Enqueue(a.Sequence));

        await first.AppendAsync(id, Message("from first"));
        await second.AppendAsync(id, Message("from second"));
        await first.AppendAsync(id, Message("first again"));

        await WaitUntil(() => heardBySecond.Count == 3);
        Assert.Equal([1L, 2L, 3L], heardBySecond);
        Assert.Equal(3, (await second.ReadAsync(id, 0, 10)).Count);
    }

    [Fact]
    public async Task AProcessIsSubscribedOnlyToTheConversationsItHasListenersFor()
    {
        using var connection = await RedisTestServer.ConnectAnotherAsync();
        var log = CreateLog(connection, TimeSpan.FromDays(1));
        var mine = await NewConversationAsync(log);
        await NewConversationAsync(log);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var pattern = RedisChannel.Pattern($"{_prefix}*");

        using (await log.SubscribeAsync(mine, _ => { }))
        {
            var channels = await server.SubscriptionChannelsAsync(pattern);
            Assert.Equal([$"{_prefix}conv:{{{mine}}}:appended"], channels.Select(c => c.ToString()));
        }

        await WaitUntil(() => server.SubscriptionChannels(pattern).Length == 0);
        Assert.Empty(await server.SubscriptionChannelsAsync(pattern));
    }

    [Theory]
    [InlineData("2026-11-22T14:05:06.789Z")]
    [InlineData("2028-02-29T23:59:59.999Z")]
    [InlineData("2026-12-31T23:59:59.000Z")]
    [InlineData("2100-03-01T00:00:00.001Z")]
    [InlineData("1999-01-01T12:00:00.500Z")]
    public async Task TheStampRedisWritesIsExactlyTheOneTheAppenderGivesTheActivity(string now)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        var log = new RedisConversationLog(RedisTestServer.Connect(), new RedisKeys(_prefix), Options.Create(new ConversationOptions()), clock,
            NullLogger<RedisConversationLog>.Instance);
        var id = await NewConversationAsync(log);

        var activity = Message("x");
        await log.AppendAsync(id, activity);
        var stored = Assert.Single(await log.ReadAsync(id, 0, 10));

        Assert.Equal(clock.GetUtcNow(), activity.Timestamp);
        Assert.StartsWith($"{{\"id\":\"{activity.Id}\",\"timestamp\":\"{UtcTimestampConverter.Format(activity.Timestamp!.Value)}\",", stored.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLogExpiresAfterTheConfiguredTtlFromTheLastActivity()
    {
        var redis = RedisTestServer.Connect();
        var log = CreateLog(redis, TimeSpan.FromMinutes(30));
        var id = await NewConversationAsync(log);

        await log.AppendAsync(id, Message("hello"));

        var keys = new RedisKeys(_prefix);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(keys.ActivityLog(id));
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        Assert.NotNull(await redis.GetDatabase().KeyTimeToLiveAsync(keys.Conversation(id)));
    }

    [Fact]
    public async Task APostRetriedAcrossTheUpgradeThatMovedClientIdsIntoTheConversationIsStillAppendedOnce()
    {
        // A conversation as the release before left it: no clientIds field, its client ids in a hash of their own.
        var redis = RedisTestServer.Connect();
        var db = redis.GetDatabase();
        var keys = new RedisKeys(_prefix);
        var log = CreateLog(redis, TimeSpan.FromDays(1));
        var id = await NewConversationAsync(log);
        await db.HashDeleteAsync(keys.Conversation(id), "clientIds");
        var first = await log.AppendIncomingAsync(id, WithClientId(Message("where is my order"), "c-1"), startsTurn: false);
        await db.HashDeleteAsync(keys.Conversation(id), "cid:c-1");
        await db.HashSetAsync(keys.ClientActivityIds(id), "c-1", first.Sequence);

        var retry = await log.AppendIncomingAsync(id, WithClientId(Message("where is my order"), "c-1"), startsTurn: false);
        var next = await log.AppendIncomingAsync(id, WithClientId(Message("hello"), "c-2"), startsTurn: false);
        var nextRetried = await log.AppendIncomingAsync(id, WithClientId(Message("hello"), "c-2"), startsTurn: false);

        Assert.True(retry.Duplicate);
        Assert.Equal(first.Id, retry.Id);
        Assert.True(nextRetried.Duplicate);
        Assert.Equal(next.Id, nextRetried.Id);
        Assert.Equal(2, (await log.ReadAsync(id, 0, 10)).Count);
    }

    private static SupportBot.Schema.Activity WithClientId(SupportBot.Schema.Activity activity, string clientActivityId)
    {
        activity.ChannelData = System.Text.Json.JsonDocument.Parse($$"""{"clientActivityID":"{{clientActivityId}}"}""").RootElement;
        return activity;
    }

    [Fact]
    public async Task ConcurrentAppendsFromTwoConnectionsNeverShareASequenceOrTimestamp()
    {
        using var otherConnection = await RedisTestServer.ConnectAnotherAsync();
        var first = CreateLog(RedisTestServer.Connect(), TimeSpan.FromDays(1));
        var second = CreateLog(otherConnection, TimeSpan.FromDays(1));
        var id = await NewConversationAsync(first);

        var appends = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? first : second).AppendAsync(id, Message($"m{i}")));
        await Task.WhenAll(appends);

        var all = await first.ReadAsync(id, 0, 100);
        var activities = all.Select(a => System.Text.Json.JsonSerializer.Deserialize(a.Json, SupportBot.Schema.SchemaJson.Wire.Activity)!).ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"{id}|{i:D7}"), activities.Select(a => a.Id));
        Assert.All(activities.Zip(activities.Skip(1)), p => Assert.True(p.Second.Timestamp > p.First.Timestamp));
    }
}
