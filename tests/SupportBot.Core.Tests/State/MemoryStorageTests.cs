using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportBot.State;

namespace SupportBot.Tests.State;

public class MemoryStorageTests : StorageContract
{
    protected override IStorage CreateStorage() => new MemoryStorage();

    [Fact]
    public async Task ConversationAndUserStateExpireAfterTheirOwnTtls()
    {
        var clock = new FakeTimeProvider();
        var options = new StateOptions { ConversationStateTtl = TimeSpan.FromHours(1), UserStateTtl = TimeSpan.FromDays(2) };
        var storage = new MemoryStorage(Options.Create(options), clock);
        await storage.WriteAsync(new Dictionary<string, JsonObject>
        {
            ["directline/conversations/c"] = new() { ["x"] = 1 },
            ["directline/users/u"] = new() { ["x"] = 1 },
        });

        clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(["directline/users/u"], (await storage.ReadAsync(["directline/conversations/c", "directline/users/u"])).Keys);
    }
}
