using System.Text.Json.Nodes;
using SupportBot.State;

namespace SupportBot.Tests.State;

/// <summary>What every <see cref="IStorage"/> must do; run against the in-memory twin and against real Redis.</summary>
public abstract class StorageContract
{
    protected abstract IStorage CreateStorage();

    private static JsonObject Item(int count, string? etag = null)
    {
        var item = new JsonObject { ["count"] = count };
        if (etag is not null)
        {
            item["eTag"] = etag;
        }

        return item;
    }

    [Fact]
    public async Task AWrittenItemReadsBackWithAnETag()
    {
        var storage = CreateStorage();

        await storage.WriteAsync(new Dictionary<string, JsonObject> { ["directline/conversations/a"] = Item(1) });
        var read = await storage.ReadAsync(["directline/conversations/a", "directline/conversations/missing"]);

        var item = Assert.Single(read).Value;
        Assert.Equal(1, item["count"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(item["eTag"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AWriteWithAStaleETagIsRefusedAndLeavesTheNewerValue()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, JsonObject> { ["k"] = Item(1) });
        var first = (await storage.ReadAsync(["k"]))["k"];
        var second = (await storage.ReadAsync(["k"]))["k"];

        first["count"] = 2;
        await storage.WriteAsync(new Dictionary<string, JsonObject> { ["k"] = first });
        second["count"] = 3;
        var conflict = await Assert.ThrowsAsync<ETagConflictException>(() => storage.WriteAsync(new Dictionary<string, JsonObject> { ["k"] = second }));

        Assert.Equal("k", conflict.Key);
        Assert.Equal(2, (await storage.ReadAsync(["k"]))["k"]["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task WritingUpdatesTheCallersETagSoItCanWriteAgain()
    {
        var storage = CreateStorage();
        var item = Item(1);
        await storage.WriteAsync(new Dictionary<string, JsonObject> { ["k"] = item });

        item["count"] = 5;
        await storage.WriteAsync(new Dictionary<string, JsonObject> { ["k"] = item });

        Assert.Equal(5, (await storage.ReadAsync(["k"]))["k"]["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task AStarETagOverwritesWhateverIsStored()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, JsonObject> { ["k"] = Item(1) });

        await storage.WriteAsync(new Dictionary<string, JsonObject> { ["k"] = Item(9, "*") });

        Assert.Equal(9, (await storage.ReadAsync(["k"]))["k"]["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnETagForAnItemThatDoesNotExistIsAConflict()
    {
        var storage = CreateStorage();

        await Assert.ThrowsAsync<ETagConflictException>(() =>
            storage.WriteAsync(new Dictionary<string, JsonObject> { ["never-written"] = Item(1, "abc") }));
    }

    [Fact]
    public async Task DeletedItemsAreGone()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, JsonObject> { ["k"] = Item(1) });

        await storage.DeleteAsync(["k"]);

        Assert.Empty(await storage.ReadAsync(["k"]));
    }
}
