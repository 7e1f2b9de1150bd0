using System.Text;
using System.Text.Json;
using SupportBot.Insights.Archive;
using SupportBot.Intents;
using SupportBot.Schema;

namespace SupportBot.Tests.Insights.Archive;

/// <summary>
/// The archive reads logged activities with a reader of its own, not the serializer: every field it keeps must read
/// as the wire schema (<see cref="SchemaJson"/>) reads the same bytes, whatever else an activity carries.
/// </summary>
public sealed class LoggedActivityViewTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 10, 15, 30, 123, TimeSpan.Zero);

    public static TheoryData<string> LoggedActivities()
    {
        var customer = new Activity
        {
            Type = ActivityTypes.Message, Id = "c1|0000000002", Timestamp = At, ChannelId = "directline", Locale = "th-TH",
            From = new ChannelAccount("dl_u1", "สมชาย \"ส\"", RoleTypes.User) { Properties = new() { ["aadObjectId"] = JsonElement.Parse("\"x\"") } },
            Recipient = new ChannelAccount("bot", "Bot"), Text = "ขอคืนเงิน order #12345\n\t\\ \u0001",
            ChannelData = JsonElement.Parse("""{"clientActivityID":"abc","nested":{"a":[1,{"b":null}]}}"""),
        };
        IntentEntity.Attach(customer, new IntentResult("refund", 0.87654f, true, "th", [new("refund", 0.87654f), new("cancel", 0.1f)], "m-2026"));
        customer.Entities!.Insert(0, new Entity { Type = "mention", Properties = new() { ["text"] = JsonElement.Parse("\"@bot\"") } });

        var reply = new Activity
        {
            Type = ActivityTypes.Message, Id = "c1|0000000003", Timestamp = At.AddSeconds(1), ChannelId = "directline",
            From = new ChannelAccount("bot", "Поддержка", RoleTypes.Bot), Text = "مرحبا! هل ساعدك ذلك؟", ReplyToId = "c1|0000000002",
            SuggestedActions = new SuggestedActions { Actions = [new CardAction("imBack", "Yes", "yes"), new CardAction("imBack", "No", "no")] },
        };

        var survey = new Activity
        {
            Type = ActivityTypes.Event, Id = "c1|0000000009", Timestamp = At.AddMinutes(5), Name = "supportbot.survey",
            From = new ChannelAccount("dl_u1", null, RoleTypes.User), Value = JsonElement.Parse("""{"rating":4,"nps":9,"comment":"ok \u00e9"}"""),
        };

        var agent = new Activity
        {
            Type = ActivityTypes.Message, Timestamp = At.AddMinutes(2), From = new ChannelAccount("agent:anna", "Anna"), Text = null,
            Entities = [new Entity { Type = IntentEntity.Type }],
        };

        string[] written = [.. ((Activity[])[customer, reply, survey, agent]).Select(a => JsonSerializer.Serialize(a, SchemaJson.Wire.Activity))];
        return new TheoryData<string>(
            written.Concat([
                // Written by hand: escaped names and values, a timestamp with an offset and one without, nulls, order changed.
                """{"\u0074ext":"caf\u00e9","timestamp":"2026-12-07T13:00:00+03:00","type":"message","from":{"id":"dl_u2","role":"user","extra":[{}]},"entities":[{"type":"supportbot/intent","intent":"greet","confidence":1,"ambiguous":false,"language":"en","top":[]}]}""",
                """{"type":"event","name":"handoff.status","timestamp":"2026-12-07T10:00:00","value":{"state":"accepted","tags":["a","b"]},"from":null,"replyToId":null,"value2":{"deep":[[[]]]}}""",
                """{"id":"x","timestamp":"\u0032026-12-07T10:00:00Z","type":"typing","entities":null,"value":null}""",
                """{}""",
            ]));
    }

    [Theory]
    [MemberData(nameof(LoggedActivities))]
    public void EveryFieldTheArchiveKeepsReadsAsTheWireSchemaReadsIt(string json)
    {
        var view = LoggedActivityView.Read(Encoding.UTF8.GetBytes(json))!;
        var full = JsonSerializer.Deserialize(json, SchemaJson.Wire.Activity)!;

        Assert.Equal((full.Id, full.Timestamp, full.Timestamp?.Offset), (view.Id, view.Timestamp, view.Timestamp?.Offset));
        Assert.Equal((full.Type, full.Name, full.ChannelId, full.Text, full.ReplyToId), (view.Type, view.Name, view.ChannelId, view.Text, view.ReplyToId));
        Assert.Equal((full.From?.Id, full.From?.Name, full.From?.Role), (view.From?.Id, view.From?.Name, view.From?.Role));
        Assert.Equal(full.Value?.GetRawText(), view.Value?.GetRawText());
        var intent = IntentEntity.Read(full);
        var entity = view.Intent;
        Assert.Equal(full.Entities?.Any(e => e.Type == IntentEntity.Type) == true, entity is not null);
        if (intent is not null)
        {
            Assert.Equal((intent.Intent, intent.Confidence, intent.IsAmbiguous, intent.Language), (entity!.Intent, entity.Confidence, entity.Ambiguous, entity.Language));
        }
    }

    [Theory]
    [InlineData("""{"text":5}""")]
    [InlineData("""{"timestamp":"yesterday"}""")]
    [InlineData("""{"timestamp":12}""")]
    [InlineData("""{"from":"dl_u1"}""")]
    [InlineData("""{"entities":[3]}""")]
    [InlineData("""{"entities":[{"type":"supportbot/intent","confidence":"high"}]}""")]
    [InlineData("""{"entities":[{"type":"supportbot/intent","ambiguous":"no"}]}""")]
    [InlineData("""{"type":"message","text":"cut off""")]
    [InlineData("""{"type":"message"} trailing""")]
    [InlineData("""[]""")]
    [InlineData("")]
    public void ALoggedActivityThatIsNotOneIsAJsonErrorNotAWrongRow(string json)
    {
        Assert.ThrowsAny<JsonException>(() => LoggedActivityView.Read(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void TheJsonNullIsNoActivityAndANullEntityIsPassedOver()
    {
        Assert.Null(LoggedActivityView.Read("null"u8));
        var view = LoggedActivityView.Read("""{"entities":[null,{"type":"supportbot/intent","intent":"greet"}]}"""u8)!;
        Assert.Equal("greet", view.Intent?.Intent);
    }
}
