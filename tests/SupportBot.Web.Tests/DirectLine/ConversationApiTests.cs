using System.Text.Json.Nodes;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.DirectLine;

public class ConversationApiTests
{
    [Fact]
    public async Task StartingAConversationWelcomesTheCustomerInTheirLocale()
    {
        await using var app = await TestApp.StartAsync();

        var conversation = await app.Client.StartAsync("ar-SA");
        var (activities, watermark) = await app.Client.GetActivitiesAsync(conversation);

        Assert.StartsWith("ws://127.0.0.1:", conversation.StreamUrl);
        Assert.Contains($"/v3/directline/conversations/{conversation.Id}/stream?watermark=0&t=", conversation.StreamUrl);
        var welcome = Assert.Single(activities, a => a["type"]!.GetValue<string>() == "message");
        Assert.StartsWith("مرحبًا", welcome["text"]!.GetValue<string>());
        Assert.Equal(4, welcome["suggestedActions"]!["actions"]!.AsArray().Count);
        Assert.Equal(activities.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), watermark);
    }

    [Fact]
    public async Task StartingTheSameConversationAgainDoesNotWelcomeTwice()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        var again = await app.Client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", conversation.Token);

        Assert.Equal(201, (int)again.StatusCode);
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);
        Assert.Single(activities, a => a["type"]!.GetValue<string>() == "message");
    }

    [Fact]
    public async Task ReconnectingGivesAStreamUrlThatResumesAfterTheWatermark()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        var reconnect = await ReadObjectAsync(await app.Client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}?watermark=2", conversation.Token));

        Assert.Equal(conversation.Id, reconnect["conversationId"]!.GetValue<string>());
        Assert.Contains("stream?watermark=2&t=", reconnect["streamUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithTheSecretAServerCanStartAConversationForAGivenUser()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", TestApp.Secret,
            Json(new JsonObject { ["user"] = new JsonObject { ["id"] = "dl_customer-42", ["name"] = "Ahmed" }, ["locale"] = "ru-RU" }));
        var started = await ReadObjectAsync(response);
        var conversation = new Conversation(started["conversationId"]!.GetValue<string>(), started["token"]!.GetValue<string>(), "");
        var replyTo = await app.Client.SayAsync(conversation, "привет");
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);

        var echo = activities.Single(a => a["id"]!.GetValue<string>() == replyTo);
        Assert.Equal(("dl_customer-42", "Ahmed"), (echo["from"]!["id"]!.GetValue<string>(), echo["from"]!["name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("GET", "/v3/directline/conversations/{0}?watermark=abc", 400, "BadArgument")]
    [InlineData("GET", "/v3/directline/conversations/{0}/activities?watermark=-1", 400, "BadArgument")]
    [InlineData("GET", "/v3/directline/conversations/{0}/activities?watermark=3", 400, "BadArgument")]
    [InlineData("GET", "/v3/directline/conversations/{0}/activities?watermark=9223372036854775807", 400, "BadArgument")]
    [InlineData("GET", "/v3/directline/conversations/NoSuchConversation/activities", 404, "NotFound")]
    [InlineData("GET", "/v3/directline/conversations/bad%7Cid/activities", 404, "NotFound")]
    [InlineData("POST", "/v3/directline/conversations/NoSuchConversation/activities", 404, "NotFound")]
    [InlineData("GET", "/v3/directline/nothing-here", 404, "NotFound")]
    [InlineData("DELETE", "/v3/directline/conversations/{0}/activities", 405, "MethodNotAllowed")]
    public async Task BadRequestsGetAJsonErrorNamingTheProblem(string method, string path, int status, string code)
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        var response = await app.Client.SendAsync(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, conversation.Id), TestApp.Secret);

        await AssertErrorAsync(response, status, code);
    }

    [Fact]
    public async Task AWatermarkAtTheEndOfTheConversationGivesNothingNewAndTheSameWatermark()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        var (activities, watermark) = await app.Client.GetActivitiesAsync(conversation, "2"); // the update and the welcome

        Assert.Empty(activities);
        Assert.Equal("2", watermark);
    }

    [Theory]
    [InlineData("/v3/directline/conversations")]
    [InlineData("/v3/directline/tokens/generate")]
    public async Task StartingWithAnOverlongLocaleOrUserIsABadRequest(string path)
    {
        await using var app = await TestApp.StartAsync();
        var bodies = new[]
        {
            new JsonObject { ["locale"] = new string('x', 21) },
            new JsonObject { ["user"] = new JsonObject { ["id"] = new string('i', 129) } },
            new JsonObject { ["user"] = new JsonObject { ["id"] = "dl_someone", ["name"] = new string('n', 257) } },
        };

        foreach (var body in bodies)
        {
            var message = await AssertErrorAsync(await app.Client.SendAsync(HttpMethod.Post, path, TestApp.Secret, Json(body)), 400, "BadArgument");
            Assert.Contains(body.ContainsKey("locale") ? "'locale'" : "'user.", message);
        }
    }

    [Fact]
    public async Task StartingWithAMalformedBodyIsRejectedAndCreatesNothing()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.Client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", TestApp.Secret,
            new StringContent("{\"user\":", System.Text.Encoding.UTF8, "application/json"));

        await AssertErrorAsync(response, 400, "BadSyntax");
    }
}
