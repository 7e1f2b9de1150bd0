using StackExchange.Redis;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Archive;

/// <summary>A privacy request on a server with Redis: afterwards no key, field or member anywhere names the customer.</summary>
public sealed class ForgetEverywhereServerTests
{
    [Fact]
    public async Task ForgettingACustomerLeavesNothingInRedisThatNamesThemOrTheirConversationsAndKeepsEveryoneElse()
    {
        var redis = RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        await using var app = await TestApp.StartAsync(HistoryApiTests.Settings(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = prefix,
            ["Handoff:Enabled"] = "true",
            ["Handoff:SurveyNps"] = "true",
        }));
        var supervisor = await AgentTestClient.SignInAsync(app.BaseUrl, "sam");
        CustomerTrail forgotten, kept;
        await using (var agent = await AgentTestClient.ConnectAsync(app.BaseUrl, "agent-01"))
        {
            forgotten = await CustomerTrail.LeaveAsync(app, agent, $"dl_forget-{Guid.NewGuid():N}");
            kept = await CustomerTrail.LeaveAsync(app, agent, $"dl_keep-{Guid.NewGuid():N}");
        }

        await HistoryApiTests.WaitArchivedAsync(app, supervisor, $"customer={forgotten.Customer}");
        var keptBefore = await TracesAsync(redis, prefix, kept);
        Assert.NotEmpty(await TracesAsync(redis, prefix, forgotten));

        var answer = await ReadObjectAsync(await app.Client.SendAsync(HttpMethod.Delete, $"/agent/api/customers/{forgotten.Customer}", supervisor));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a few archive worker passes: nothing comes back

        Assert.Equal([forgotten.ConversationId], answer["liveConversations"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(await TracesAsync(redis, prefix, forgotten, includeArchiveQueue: true));
        Assert.Equal(keptBefore, await TracesAsync(redis, prefix, kept));
    }

    /// <summary>
    /// Every place under the prefix that names the customer or their conversation: a key's name, a hash field or
    /// value, a list element, a set or sorted set member, a string value. The archive's own bookkeeping is left
    /// out of the comparison for the customer kept (the worker moves it on its own), not of the search.
    /// </summary>
    internal static async Task<List<string>> TracesAsync(IConnectionMultiplexer redis, string prefix, CustomerTrail trail, bool includeArchiveQueue = false)
    {
        string[] names = [trail.Customer, trail.ConversationId, trail.AttachmentId, trail.TicketId];
        bool Names(string? text) => text is not null && names.Any(n => text.Contains(n, StringComparison.Ordinal));
        var db = redis.GetDatabase();
        var traces = new List<string>();
        foreach (var key in redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: $"{prefix}*", pageSize: 500))
        {
            var name = (string)key!;
            if (!includeArchiveQueue && name.StartsWith($"{prefix}archive:", StringComparison.Ordinal))
            {
                continue;
            }

            if (Names(name))
            {
                traces.Add(name);
            }

            IEnumerable<string?> contents = await db.KeyTypeAsync(key) switch
            {
                RedisType.Hash => (await db.HashGetAllAsync(key)).SelectMany(e => new[] { (string?)e.Name, Text(e.Value) }),
                RedisType.List => (await db.ListRangeAsync(key)).Select(Text),
                RedisType.Set => (await db.SetMembersAsync(key)).Select(Text),
                RedisType.SortedSet => (await db.SortedSetRangeByRankAsync(key)).Select(Text),
                RedisType.String => [Text(await db.StringGetAsync(key))],
                _ => [],
            };
            traces.AddRange(contents.Where(Names).Select(c => $"{name} ∋ {c}"));
        }

        traces.Sort(StringComparer.Ordinal);
        return traces;
    }

    // Attachment bytes are binary; only text can name anyone.
    private static string? Text(RedisValue value) => value.IsNull ? null : System.Text.Encoding.UTF8.GetString((byte[])value!);
}
