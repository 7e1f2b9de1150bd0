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
}
