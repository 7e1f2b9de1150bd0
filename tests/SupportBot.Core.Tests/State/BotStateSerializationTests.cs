using System.Text.Json;
using System.Text.Json.Serialization;
using SupportBot.State;
using SupportBot.Tests.Builder;

namespace SupportBot.Tests.State;

/// <summary>What a turn costs in serialisation: each property read once, written once, and nothing written when nothing changed.</summary>
public class BotStateSerializationTests
{
    [Fact]
    public async Task ATurnDeserialisesEachPropertyOnceAndSerialisesItOnceAtSave()
    {
        var state = new ConversationState(new MemoryStorage());
        var tally = state.CreateProperty<Tally>("tally");
        var adapter = new TestAdapter();
        adapter.Use(new AutoSaveStateMiddleware(state));
        await adapter.ProcessAsync(TestAdapter.Message("a"), (turn, ct) => tally.SetAsync(turn, new Tally(1), ct));
        TallyConverter.Reads = TallyConverter.Writes = 0;

        await adapter.ProcessAsync(TestAdapter.Message("b"), async (turn, ct) =>
        {
            var first = await tally.GetAsync(turn, () => new Tally(0), ct);
            await tally.GetAsync(turn, () => new Tally(0), ct);
            await tally.SetAsync(turn, new Tally(first.Count + 1), ct);
            var second = await tally.GetAsync(turn, () => new Tally(0), ct);
            await tally.SetAsync(turn, new Tally(second.Count + 1), ct);
        });

        Assert.Equal((1, 1), (TallyConverter.Reads, TallyConverter.Writes));
        var seen = 0;
        await adapter.ProcessAsync(TestAdapter.Message("c"), async (turn, ct) => seen = (await tally.GetAsync(turn, () => new Tally(0), ct)).Count);
        Assert.Equal(3, seen);
    }

    [Fact]
    public async Task ATurnThatOnlyReadsTheStateDoesNotWriteIt()
    {
        var storage = new MemoryStorage();
        var state = new ConversationState(storage);
        var step = state.CreateProperty<List<string>>("steps");
        var adapter = new TestAdapter();
        adapter.Use(new AutoSaveStateMiddleware(state));
        var message = TestAdapter.Message("a");
        var key = $"{message.ChannelId}/conversations/{message.Conversation!.Id}";
        await adapter.ProcessAsync(message, (turn, ct) => step.SetAsync(turn, ["asked"], ct));
        var before = (await storage.ReadAsync([key]))[key][StoreItems.ETagProperty]!.GetValue<string>();

        await adapter.ProcessAsync(TestAdapter.Message("b"), async (turn, ct) => await step.SetAsync(turn, await step.GetAsync(turn, () => [], ct), ct));

        var after = (await storage.ReadAsync([key]))[key][StoreItems.ETagProperty]!.GetValue<string>();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task ATurnThatOnlyReadsTextInEveryLanguageNumbersAndNullsDoesNotWriteIt()
    {
        var storage = new MemoryStorage();
        var state = new ConversationState(storage);
        var memory = state.CreateProperty<Remembered>("memory");
        var adapter = new TestAdapter();
        adapter.Use(new AutoSaveStateMiddleware(state));
        var message = TestAdapter.Message("a");
        var key = $"{message.ChannelId}/conversations/{message.Conversation!.Id}";
        var remembered = new Remembered(
            "สั่งซื้อเมื่อวาน \"ด่วน\"", "أين طلبي؟", "Где мой заказ?", 0.1 + 0.2, null,
            new Dictionary<string, string> { ["b"] = "2", ["a"] = "<1> & 'x'" });
        await adapter.ProcessAsync(message, (turn, ct) => memory.SetAsync(turn, remembered, ct));
        var before = (await storage.ReadAsync([key]))[key][StoreItems.ETagProperty]!.GetValue<string>();

        Remembered? read = null;
        await adapter.ProcessAsync(TestAdapter.Message("b"), async (turn, ct) => read = await memory.GetAsync(turn, () => null!, ct));

        var after = (await storage.ReadAsync([key]))[key][StoreItems.ETagProperty]!.GetValue<string>();
        Assert.Equal((remembered.Thai, remembered.Arabic, remembered.Russian, remembered.Score), (read!.Thai, read.Arabic, read.Russian, read.Score));
        Assert.Equal(before, after);
    }

    private sealed record Remembered(string Thai, string Arabic, string Russian, double Score, string? Missing, Dictionary<string, string> Slots);

    [JsonConverter(typeof(TallyConverter))]
    private sealed record Tally(int Count);

    private sealed class TallyConverter : JsonConverter<Tally>
    {
        public static int Reads;
        public static int Writes;

        public override Tally Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            Reads++;
            return new Tally(reader.GetInt32());
        }

        public override void Write(Utf8JsonWriter writer, Tally value, JsonSerializerOptions options)
        {
            Writes++;
            writer.WriteNumberValue(value.Count);
        }
    }
}
