using System.Net;
using System.Text.Json.Nodes;
using SupportBot.Conversations;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.BotFramework;

/// <summary>POST /api/messages in anonymous mode (no app id), as the Emulator and the Playground use it locally.</summary>
public sealed class MessagesApiTests
{
    [Fact]
    public async Task AMessageIsAnsweredWithAnEmpty200AndTheReplyReachesTheConnectorAsAReply()
    {
        await using var connector = await LocalConnector.StartAsync();
        await using var app = await TestApp.StartAsync();
        var activity = ChannelActivity.Message(connector.BaseUrl, "emu-conv:1", "hello");

        var response = await ChannelActivity.PostAsync(app.BaseUrl, activity);
        var (path, authorization, reply) = await connector.NextAsync(a => a["type"]!.GetValue<string>() == "message");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString("emu-conv:1")}/activities/{activity["id"]}", path);
        Assert.Null(authorization); // anonymous mode: no connector token
        Assert.Equal("emu-conv:1", reply["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal("tenant-1", reply["conversation"]!["tenantId"]!.GetValue<string>());
        Assert.Equal(activity["id"]!.GetValue<string>(), reply["replyToId"]!.GetValue<string>());
        Assert.Equal(ChannelActivity.BotId, reply["from"]!["id"]!.GetValue<string>());
        Assert.Equal("29:user-emu-conv:1", reply["recipient"]!["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(reply["text"]?.GetValue<string>()));
    }

    [Fact]
    public async Task ExpectRepliesPutsTheBotsRepliesInTheAnswerAndNothingGoesToTheConnector()
    {
        await using var connector = await LocalConnector.StartAsync();
        await using var app = await TestApp.StartAsync();
        var activity = ChannelActivity.Message(connector.BaseUrl, "emu-conv:2", "hello");
        activity["deliveryMode"] = "expectReplies";

        var response = await ChannelActivity.PostAsync(app.BaseUrl, activity);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(body["activities"]!.AsArray(), a => a!["type"]!.GetValue<string>() == "message")!;
        Assert.Equal("emu-conv:2", reply["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal(activity["id"]!.GetValue<string>(), reply["replyToId"]!.GetValue<string>());
        await Task.Delay(300);
        Assert.Equal(0, connector.Attempts);
    }

    [Fact]
    public async Task AnActivityTheChannelPostsAgainRunsOneTurnAndReachesTheConnectorOnce()
    {
        await using var connector = await LocalConnector.StartAsync();
        await using var app = await TestApp.StartAsync();
        var activity = ChannelActivity.Message(connector.BaseUrl, "emu-conv:retried", "where is my order");

        var first = await ChannelActivity.PostAsync(app.BaseUrl, activity);
        var again = await ChannelActivity.PostAsync(app.BaseUrl, activity); // the channel's retry: the same activity id
        await connector.NextAsync(a => a["type"]!.GetValue<string>() == "message");
        await app.Services.GetRequiredService<SupportBot.Web.BotFramework.ConnectorOutbox>().DrainAsync();
        var logged = await app.Services.GetRequiredService<IConversationLog>().ReadAsync(ChannelConversationIds.For("emulator", "emu-conv:retried"), 0, 10);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Single(connector.Received, r => r.Activity["type"]!.GetValue<string>() == "message");
        Assert.Equal(2, logged.Count); // the question once and its one answer
    }

    [Theory]
    [InlineData("{\"type\":\"message\",", "BadSyntax")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\",\"channelId\":\"emulator\",\"conversation\":{\"id\":\"c\"},\"from\":{\"id\":\"u\"}}", "MissingProperty")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\",\"channelId\":\"emulator\",\"serviceUrl\":\"http://127.0.0.1:1/\",\"from\":{\"id\":\"u\"}}", "MissingProperty")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"emulator\",\"serviceUrl\":\"http://127.0.0.1:1/\",\"conversation\":{\"id\":\"c\"},\"from\":{\"id\":\"u\"}}", "MissingProperty")]
    [InlineData("{\"type\":\"event\",\"name\":\"handoff.status\",\"channelId\":\"emulator\",\"serviceUrl\":\"http://127.0.0.1:1/\",\"conversation\":{\"id\":\"c\"},\"from\":{\"id\":\"u\"}}", "ReservedEventName")]
    public async Task AMalformedActivityIsRefusedWith400JsonAndStartsNoConversation(string body, string code)
    {
        await using var app = await TestApp.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        var response = await http.PostAsync("/api/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, error["error"]!["code"]!.GetValue<string>());
        Assert.Null(await app.Services.GetRequiredService<IConversationLog>().GetAsync(ChannelConversationIds.For("emulator", "c")));
    }

    [Fact]
    public async Task AnAnonymousActivityWhoseServiceUrlIsNotLoopbackIsRefusedAndNothingIsCalled()
    {
        await using var app = await TestApp.StartAsync();
        var activity = ChannelActivity.Message("https://attacker.example/", "emu-conv:3", "hello");

        var response = await ChannelActivity.PostAsync(app.BaseUrl, activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("\"Forbidden\"", await response.Content.ReadAsStringAsync());
        Assert.Null(await app.Services.GetRequiredService<IConversationLog>().GetAsync(ChannelConversationIds.For("emulator", "emu-conv:3")));
    }

    [Fact]
    public async Task AllowedServiceUrlsReplaceTheLoopbackDefault()
    {
        await using var connector = await LocalConnector.StartAsync();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Bot:AllowedServiceUrls:0"] = "https://connector.example/bots" });

        var loopback = await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message(connector.BaseUrl, "emu-conv:4", "hello"));
        var prefixOnly = await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message("https://connector.example/botsy/", "emu-conv:5", "hello"));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (loopback.StatusCode, prefixOnly.StatusCode));
    }

    [Fact]
    public async Task TheSameConversationIdOnTwoChannelsIsTwoConversations()
    {
        await using var connector = await LocalConnector.StartAsync();
        await using var app = await TestApp.StartAsync();

        await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message(connector.BaseUrl, "same-id", "hello", channelId: "emulator"));
        await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message(connector.BaseUrl, "same-id", "hello", channelId: "msteams"));
        var log = app.Services.GetRequiredService<IConversationLog>();

        var emulator = ChannelConversationIds.For("emulator", "same-id");
        var teams = ChannelConversationIds.For("msteams", "same-id");
        Assert.NotEqual(emulator, teams);
        Assert.Equal(2, (await log.ReadAsync(emulator, 0, 10)).Count); // the message and its answer, each in its own log
        Assert.Equal(2, (await log.ReadAsync(teams, 0, 10)).Count);
    }

    [Fact]
    public async Task TheBotsTeamsMentionIsTakenOutOfTheMessageBeforeTheBotReadsIt()
    {
        await using var connector = await LocalConnector.StartAsync();
        await using var app = await TestApp.StartAsync();
        var activity = ChannelActivity.Message(connector.BaseUrl, "19:team-chat", "<at>SupportBot</at> where is my order", channelId: "msteams");
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>SupportBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = ChannelActivity.BotId, ["name"] = "SupportBot" },
        });

        await ChannelActivity.PostAsync(app.BaseUrl, activity);
        var logged = await app.Services.GetRequiredService<IConversationLog>().ReadAsync(ChannelConversationIds.For("msteams", "19:team-chat"), 0, 1);

        var stored = JsonNode.Parse(Assert.Single(logged).Json)!;
        Assert.Equal("where is my order", stored["text"]!.GetValue<string>());
        Assert.Contains("order_status", logged[0].Json); // the classifier read the question, not the mention
    }

    [Fact]
    public async Task OnTeamsTheBotsSuggestedActionsArriveAsHeroCardButtons()
    {
        await using var connector = await LocalConnector.StartAsync();
        await using var app = await TestApp.StartAsync();

        await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message(connector.BaseUrl, "19:team-chat-2", "hello", channelId: "msteams"));
        await ChannelActivity.PostAsync(app.BaseUrl, ChannelActivity.Message(connector.BaseUrl, "emu-chat-2", "hello", channelId: "emulator"));
        var teams = await connector.NextAsync(a => a["conversation"]!["id"]!.GetValue<string>() == "19:team-chat-2" && (a["attachments"] is not null || a["suggestedActions"] is not null));
        var emulator = await connector.NextAsync(a => a["conversation"]!["id"]!.GetValue<string>() == "emu-chat-2" && a["suggestedActions"] is not null);

        Assert.Null(teams.Activity["suggestedActions"]);
        var card = Assert.Single(teams.Activity["attachments"]!.AsArray(), a => a!["contentType"]!.GetValue<string>() == "application/vnd.microsoft.card.hero")!;
        Assert.Equal(
            emulator.Activity["suggestedActions"]!["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()),
            card["content"]!["buttons"]!.AsArray().Select(b => b!["title"]!.GetValue<string>()));
    }
}
