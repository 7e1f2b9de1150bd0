using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Schema;

namespace SupportBot.Tests.Schema;

public class ActivitySerializationTests
{
    private static Activity Read(string json) => JsonSerializer.Deserialize(json, SchemaJson.Wire.Activity)!;

    private static string Write(Activity activity) => JsonSerializer.Serialize(activity, SchemaJson.Wire.Activity);

    [Fact]
    public void UnknownPropertiesRoundTripUnchangedAtEveryLevel()
    {
        const string json = """
            {"type":"message","text":"hi","futureField":{"a":[1,2]},"from":{"id":"u1","aadObjectId":"x"},
             "channelData":{"clientActivityID":"c1","nested":{"deep":true}},
             "attachments":[{"contentType":"image/png","contentUrl":"https://a/b","extra":5}],
             "suggestedActions":{"actions":[{"type":"imBack","title":"t","value":"v","customKey":"k"}]},
             "entities":[{"type":"clientInfo","locale":"th-TH"}]}
            """;

        var written = JsonNode.Parse(Write(Read(json)))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), written), written.ToJsonString());
    }

    [Fact]
    public void WritesCamelCaseAndLeavesOutMissingValues()
    {
        var json = Write(new Activity { Type = ActivityTypes.Message, ReplyToId = "c|0000001", Text = "hello" });

        Assert.Equal("""{"type":"message","text":"hello","replyToId":"c|0000001"}""", json);
    }

    [Fact]
    public void TimestampsAreWrittenAsUtcWithZ()
    {
        var activity = new Activity { Type = ActivityTypes.Message, Timestamp = new DateTimeOffset(2026, 11, 22, 21, 5, 6, 789, TimeSpan.FromHours(7)) };

        Assert.Contains("\"timestamp\":\"2026-11-22T14:05:06.7890000Z\"", Write(activity));
    }

    [Fact]
    public void ThaiArabicAndCyrillicStayReadableUtf8()
    {
        var json = Write(new Activity { Type = ActivityTypes.Message, Text = "สวัสดี مرحبا привет" });

        Assert.Contains("สวัสดี مرحبا привет", json);
    }

    [Fact]
    public void ClientActivityIdIsReadFromChannelData()
    {
        var activity = Read("""{"type":"message","channelData":{"clientActivityID":"r2tonmblxv"}}""");

        Assert.Equal("r2tonmblxv", activity.ClientActivityId);
        Assert.Null(Read("""{"type":"message","channelData":"text"}""").ClientActivityId);
    }

    [Fact]
    public void AWrongJsonTypeIsRejectedWithItsPath()
    {
        var error = Assert.Throws<JsonException>(() => Read("""{"type":"message","text":42}"""));

        Assert.Equal("$.text", error.Path);
    }

    [Fact]
    public void CreateReplyAddressesTheSenderAndRefersToTheActivity()
    {
        var incoming = Read("""{"type":"message","id":"c|0000004","channelId":"directline","locale":"ru-RU","conversation":{"id":"c"},"from":{"id":"u"},"recipient":{"id":"bot"}}""");

        var reply = incoming.CreateReply("ok");

        Assert.Equal(("bot", "u", "c|0000004", "ru-RU", "c"), (reply.From!.Id, reply.Recipient!.Id, reply.ReplyToId, reply.Locale, reply.Conversation!.Id));
    }
}
