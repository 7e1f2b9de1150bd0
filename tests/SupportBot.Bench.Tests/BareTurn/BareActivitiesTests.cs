using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.BareTurn;

namespace SupportBot.Bench.Tests.BareTurn;

public class BareActivitiesTests
{
    private const string Conversation = "0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 14, 0, 0, TimeSpan.Zero);

    // What append-activity.lua does with the two halves.
    private static JsonElement Assemble(string head, string tail, long sequence) =>
        JsonDocument.Parse(head + sequence.ToString("D7") + tail).RootElement;

    [Fact]
    public void TheStoredCustomerActivityCarriesItsIdAndWhatTheClientSent()
    {
        var posted = JsonNode.Parse("""{"type":"message","id":"forged","text":"Hi","from":{"id":"u1"},"channelData":{"clientActivityID":"c-1"}}""");

        var (head, tail, text) = BareActivities.FromCustomer(Conversation, posted, Now)!.Value;
        var activity = Assemble(head, tail, 3);

        Assert.Equal(BareActivities.Id(Conversation, 3), activity.GetProperty("id").GetString());
        Assert.Equal("Hi", text);
        Assert.Equal("c-1", activity.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal("user", activity.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal(Conversation, activity.GetProperty("conversation").GetProperty("id").GetString());
    }

    [Fact]
    public void ABodyThatIsNotAnObjectIsNoActivity() =>
        Assert.Null(BareActivities.FromCustomer(Conversation, JsonNode.Parse("[1]"), Now));

    [Fact]
    public void TheEchoIsABotMessageReplyingToTheCustomersActivity()
    {
        var (head, tail) = BareActivities.Echo(Conversation, BareActivities.Id(Conversation, 3), "say \"hi\"", Now);
        var reply = Assemble(head, tail, 4);

        Assert.Equal(BareActivities.Id(Conversation, 4), reply.GetProperty("id").GetString());
        Assert.Equal(BareActivities.Id(Conversation, 3), reply.GetProperty("replyToId").GetString());
        Assert.Equal("bot", reply.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("You said: say \"hi\"", reply.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("{\"turns\":41}", 41)]
    [InlineData("garbage", 0)]
    public void TheStateCountsTurns(string? state, long turns) => Assert.Equal(turns, TurnState.Parse(state));

    [Fact]
    public void TheStateReadsBackWhatWasWritten() => Assert.Equal(42, TurnState.Parse(TurnState.Format(42)));
}
