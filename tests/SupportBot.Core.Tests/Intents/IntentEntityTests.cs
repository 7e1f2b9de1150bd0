using System.Text.Json;
using SupportBot.Intents;
using SupportBot.Schema;

namespace SupportBot.Tests.Intents;

public sealed class IntentEntityTests
{
    private static readonly IntentResult OrderStatus = new(
        "order_status", 0.912345f, false, "th", [new("order_status", 0.912345f), new("refund_status", 0.05123f)], "20261205-175901-86b2cca3");

    [Fact]
    public void TheLoggedEntityCarriesTheClassificationInTheShapeAgentsAndRetrainingRead()
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = "พัสดุของฉันอยู่ไหน" };

        IntentEntity.Attach(activity, OrderStatus);

        Assert.Equal(
            """[{"type":"supportbot/intent","intent":"order_status","confidence":0.9123,"ambiguous":false,"language":"th","top":[{"intent":"order_status","confidence":0.9123},{"intent":"refund_status","confidence":0.0512}],"modelVersion":"20261205-175901-86b2cca3"}]""",
            JsonSerializer.Serialize(activity.Entities, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        var read = IntentEntity.Read(activity)!;
        Assert.Equal(("order_status", 0.9123f, false, "th", "20261205-175901-86b2cca3"), (read.Intent, read.Confidence, read.IsAmbiguous, read.Language, read.ModelVersion));
        Assert.Equal([("order_status", 0.9123f), ("refund_status", 0.0512f)], read.Top.Select(t => (t.Intent, t.Confidence)));
    }

    [Fact]
    public void AttachingReplacesAClientsEntityOfTheTypeAndKeepsTheOthers()
    {
        var planted = new Entity { Type = IntentEntity.Type, Properties = new() { ["intent"] = JsonSerializer.SerializeToElement("talk_to_human") } };
        var place = new Entity { Type = "Place" };
        var activity = new Activity { Type = ActivityTypes.Message, Text = "x", Entities = [planted, place] };

        IntentEntity.Attach(activity, OrderStatus);
        IntentEntity.Attach(activity, OrderStatus with { Intent = "refund_status", IsAmbiguous = true });

        Assert.Equal(["Place", IntentEntity.Type], activity.Entities!.Select(e => e.Type));
        Assert.Equal(("refund_status", true), (IntentEntity.Read(activity)!.Intent, IntentEntity.Read(activity)!.IsAmbiguous));
    }

    [Theory]
    [InlineData("""{"intent":"order_status","confidence":0.9,"language":"en","modelVersion":"m"}""")] // no "ambiguous"
    [InlineData("""{"intent":"order_status","confidence":"high","ambiguous":false,"language":"en","modelVersion":"m"}""")]
    [InlineData("""{"intent":7,"confidence":0.9,"ambiguous":false,"language":"en","modelVersion":"m"}""")]
    [InlineData("""{"intent":"order_status","confidence":0.9,"ambiguous":"no","language":"en","modelVersion":"m"}""")]
    [InlineData("""{"intent":"order_status","confidence":0.9,"ambiguous":false,"language":null,"modelVersion":"m"}""")]
    [InlineData("""{"intent":"order_status","confidence":0.9,"ambiguous":false,"language":"en"}""")] // no "modelVersion"
    public void AnEntityItCannotReadCountsAsNoClassificationRatherThanAFailure(string properties)
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = "x", Entities = [Entity(properties)] };

        Assert.Null(IntentEntity.Read(activity));
    }

    [Fact]
    public void ARankingEntryItCannotReadIsLeftOutAndTheRestKept()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message, Text = "x",
            Entities = [Entity("""{"intent":"order_status","confidence":0.9,"ambiguous":false,"language":"en","modelVersion":"m","top":[{"intent":"order_status","confidence":0.9},{"intent":"refund_status","score":0.05},"x",{"intent":"cancel_order","confidence":0.04}]}""")],
        };

        var read = IntentEntity.Read(activity)!;

        Assert.Equal(("order_status", 0.9f, false), (read.Intent, read.Confidence, read.IsAmbiguous));
        Assert.Equal(["order_status", "cancel_order"], read.Top.Select(t => t.Intent));
    }

    private static Entity Entity(string properties) => new()
    {
        Type = IntentEntity.Type, Properties = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(properties),
    };
}
