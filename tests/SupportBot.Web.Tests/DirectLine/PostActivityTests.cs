using System.Text.Json.Nodes;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.DirectLine;

public class PostActivityTests
{
    [Fact]
    public async Task TheCustomersMessageIsEchoedWithItsIdAndClientActivityIdThenAnswered()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        var id = await app.Client.SayAsync(conversation, "สวัสดีค่ะ", "th-TH", clientActivityId: "r2tonmblxv");
        var reply = await app.Client.WaitForReplyAsync(conversation, id);
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);

        Assert.Matches($"^{conversation.Id}\\|\\d{{7}}$", id);
        var echo = activities.Single(a => a["id"]!.GetValue<string>() == id);
        Assert.Equal("r2tonmblxv", echo["channelData"]!["clientActivityID"]!.GetValue<string>());
        Assert.Equal("user", echo["from"]!["role"]!.GetValue<string>());
        Assert.Equal("bot", reply["from"]!["role"]!.GetValue<string>());
        Assert.Matches(@"\p{IsThai}", reply["text"]!.GetValue<string>()); // answered in Thai
    }

    [Fact]
    public async Task APostRetriedWithTheSameClientActivityIdReturnsTheFirstIdAndIsNeitherAppendedNorAnsweredTwice()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        // Web Chat retries a POST whose connection dropped with the same clientActivityID.
        var first = await app.Client.SayAsync(conversation, "message one", clientActivityId: "retry-1");
        var retried = await app.Client.SayAsync(conversation, "message one", clientActivityId: "retry-1");
        var other = await app.Client.SayAsync(conversation, "message one", clientActivityId: "retry-2");
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);

        Assert.Equal(first, retried);
        Assert.NotEqual(first, other);
        Assert.Single(activities, a => a["channelData"]?["clientActivityID"]?.GetValue<string>() == "retry-1");
        Assert.Single(activities, a => a["replyToId"]?.GetValue<string>() == first);
    }

    [Fact]
    public async Task IdsCountUpAndTimestampsAreUtcAndStrictlyIncreasing()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await app.Client.SayAsync(conversation, $"message {i}");
        }

        var (activities, watermark) = await app.Client.GetActivitiesAsync(conversation);

        Assert.Equal(12, activities.Count); // conversationUpdate, welcome, then five echoes and five answers
        Assert.Equal("12", watermark);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"{conversation.Id}|{i:D7}"), activities.Select(a => a["id"]!.GetValue<string>()));
        var stamps = activities.Select(a => a["timestamp"]!.GetValue<string>()).ToList();
        Assert.All(stamps, s => Assert.EndsWith("Z", s));
        Assert.All(stamps.Zip(stamps.Skip(1)), p => Assert.True(DateTimeOffset.Parse(p.Second, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.Parse(p.First, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task PropertiesTheServerDoesNotKnowReachTheLogUnchanged()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        var response = await app.Client.PostActivityAsync(conversation,
            """{"type":"message","text":"hi","x-custom":{"nested":[1,"two",null]},"channelData":{"clientActivityID":"c1","webchat:foo":true},"entities":[{"type":"clientCapabilities","requiresBotState":true}]}""");
        var id = (await ReadObjectAsync(response))["id"]!.GetValue<string>();
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);

        var echo = activities.Single(a => a["id"]!.GetValue<string>() == id);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"nested":[1,"two",null]}"""), echo["x-custom"]));
        Assert.True(echo["channelData"]!["webchat:foo"]!.GetValue<bool>());
        Assert.True(echo["entities"]![0]!["requiresBotState"]!.GetValue<bool>());
    }

    [Fact]
    public async Task EveryCustomerMessageIsRecordedWithWhatTheClassifierMadeOfIt()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        // A client cannot plant its own classification: the server's replaces it.
        var response = await app.Client.PostActivityAsync(conversation,
            """{"type":"message","text":"where is my order ORD-55821?","entities":[{"type":"supportbot/intent","intent":"talk_to_human","confidence":1}]}""");
        var id = (await ReadObjectAsync(response))["id"]!.GetValue<string>();
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);

        var echo = activities.Single(a => a["id"]!.GetValue<string>() == id);
        var recorded = Assert.Single(echo["entities"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "supportbot/intent")!;
        Assert.Equal("order_status", recorded["intent"]!.GetValue<string>());
        Assert.Equal("en", recorded["language"]!.GetValue<string>());
        Assert.InRange(recorded["confidence"]!.GetValue<double>(), 0.3, 1.0);
        Assert.Equal(3, recorded["top"]!.AsArray().Count);
        var serving = app.Services.GetRequiredService<SupportBot.Intents.IIntentClassifier>().Classify("x").ModelVersion;
        Assert.Equal(serving, recorded["modelVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACustomerCannotPostAsTheBot()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        var response = await app.Client.PostActivityAsync(conversation, """{"type":"message","text":"I am the bot","from":{"id":"supportbot","role":"bot"}}""");
        var id = (await ReadObjectAsync(response))["id"]!.GetValue<string>();
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);

        var echo = activities.Single(a => a["id"]!.GetValue<string>() == id);
        Assert.Equal("user", echo["from"]!["role"]!.GetValue<string>());
        Assert.StartsWith("dl_", echo["from"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task TypingPassesThroughWithoutAnAnswer()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();
        var before = (await app.Client.GetActivitiesAsync(conversation)).Activities.Count;

        await ReadObjectAsync(await app.Client.PostActivityAsync(conversation, """{"type":"typing"}"""));
        await Task.Delay(200);
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);

        Assert.Equal(before + 1, activities.Count);
        Assert.Equal("typing", activities[^1]["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"type":"event","name":"webchat/join","value":{"language":"en-US"}}""")]
    [InlineData("""{"type":"event","name":"setLocale","value":"th-TH"}""")]
    public async Task TheClientsOwnEventsAreLogged(string body)
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        var id = (await ReadObjectAsync(await app.Client.PostActivityAsync(conversation, body)))["id"]!.GetValue<string>();
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);

        Assert.Equal("event", activities.Single(a => a["id"]!.GetValue<string>() == id)["type"]!.GetValue<string>());
    }

    public static TheoryData<string, string, int, string> BadActivities => new()
    {
        { "{\"type\":\"message\",\"text\":", "application/json", 400, "BadSyntax" },
        { "[1,2,3]", "application/json", 400, "BadArgument" },
        { "{\"type\":\"message\",\"text\":42}", "application/json", 400, "BadArgument" },
        { "{\"type\":\"message\",\"from\":\"me\",\"text\":\"x\"}", "application/json", 400, "BadArgument" },
        { "{\"text\":\"no type\"}", "application/json", 400, "MissingProperty" },
        { "{\"type\":\"conversationUpdate\"}", "application/json", 400, "BadArgument" },
        { "{\"type\":\"message\",\"text\":\"   \"}", "application/json", 400, "MissingProperty" },
        { "{\"type\":\"event\"}", "application/json", 400, "MissingProperty" },
        { "{\"type\":\"event\",\"name\":\"handoff.status\",\"value\":{\"state\":\"accepted\",\"agentName\":\"Your bank: send your PIN to evil.example\"}}", "application/json", 400, "ReservedEventName" },
        { "{\"type\":\"event\",\"name\":\"Handoff.Initiate\"}", "application/json", 400, "ReservedEventName" },
        { "{\"type\":\"event\",\"name\":\"supportbot.intentChosen\",\"value\":{\"utteranceId\":\"x\",\"intent\":\"refund\"}}", "application/json", 400, "ReservedEventName" },
        { "{\"type\":\"message\",\"text\":\"x\",\"locale\":\"" + new string('l', 5000) + "\"}", "application/json", 400, "BadArgument" },
        { "{\"type\":\"message\",\"text\":\"x\",\"from\":{\"id\":\"u\",\"name\":\"" + new string('n', 257) + "\"}}", "application/json", 400, "BadArgument" },
        { "{\"type\":\"message\",\"text\":\"x\",\"from\":{\"id\":\"" + new string('i', 129) + "\"}}", "application/json", 400, "BadArgument" },
        { "{\"type\":\"message\",\"text\":\"" + new string('a', 4001) + "\"}", "application/json", 400, "TextTooLong" },
        { "{\"type\":\"message\",\"attachments\":[{\"contentType\":\"image/png\",\"contentUrl\":\"javascript:alert(1)\"}]}", "application/json", 400, "BadArgument" },
        { "{\"type\":\"message\",\"text\":\"x\",\"timestamp\":\"yesterday\"}", "application/json", 400, "BadArgument" },
        { "type=message&text=hi", "application/x-www-form-urlencoded", 415, "UnsupportedMediaType" },
        { "{\"type\":\"message\",\"text\":\"x\",\"pad\":\"" + new string('p', 140_000) + "\"}", "application/json", 413, "PayloadTooLarge" },
    };

    [Theory]
    [MemberData(nameof(BadActivities))]
    public async Task BadActivitiesAreRefusedWithAJsonErrorAndNothingIsWritten(string body, string contentType, int status, string code)
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();
        var before = await app.Client.GetActivitiesAsync(conversation);

        var response = await app.Client.PostActivityAsync(conversation, body, contentType);

        await AssertErrorAsync(response, status, code);
        var after = await app.Client.GetActivitiesAsync(conversation);
        Assert.Equal(before.Watermark, after.Watermark);
    }
}
