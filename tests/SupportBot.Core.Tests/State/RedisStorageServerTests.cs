using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SupportBot.Redis;
using SupportBot.State;

namespace SupportBot.Tests.State;

public class RedisStorageServerTests : StorageContract
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();

    protected override IStorage CreateStorage() =>
        new RedisStorage(RedisTestServer.Connect(), new RedisKeys(_prefix), Options.Create(new StateOptions()));

    [Fact]
    public async Task KeysGetTheConfiguredTtlForTheirKind()
    {
        var redis = RedisTestServer.Connect();
        var options = new StateOptions { ConversationStateTtl = TimeSpan.FromMinutes(10), UserStateTtl = TimeSpan.FromDays(3) };
        var storage = new RedisStorage(redis, new RedisKeys(_prefix), Options.Create(options));

        await storage.WriteAsync(new Dictionary<string, JsonObject>
        {
            ["directline/conversations/c"] = new() { ["x"] = 1 },
            ["directline/users/u"] = new() { ["x"] = 1 },
        });

        var db = redis.GetDatabase();
        var conversationTtl = await db.KeyTimeToLiveAsync($"{_prefix}state:directline/conversations/c");
        var userTtl = await db.KeyTimeToLiveAsync($"{_prefix}state:directline/users/u");
        Assert.InRange(conversationTtl!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.InRange(userTtl!.Value, TimeSpan.FromDays(2.9), TimeSpan.FromDays(3));
    }

    [Fact]
    public async Task TwoWritersRacingWithTheSameETagHaveExactlyOneWinner()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, JsonObject> { ["race"] = new() { ["n"] = 0 } });
        var etag = (await storage.ReadAsync(["race"]))["race"]["eTag"]!.GetValue<string>();

        var attempts = Enumerable.Range(1, 20).Select(async n =>
        {
            try
            {
                await storage.WriteAsync(new Dictionary<string, JsonObject> { ["race"] = new() { ["n"] = n, ["eTag"] = etag } });
                return true;
            }
            catch (ETagConflictException)
            {
                return false;
            }
        });

        Assert.Equal(1, (await Task.WhenAll(attempts)).Count(won => won));
    }
}
