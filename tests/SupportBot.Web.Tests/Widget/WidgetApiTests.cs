using System.Text.Json.Nodes;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Widget;

public class WidgetApiTests
{
    [Fact]
    public async Task AWidgetSessionTokenStartsItsOwnConversationAsItsOwnUser()
    {
        await using var app = await TestApp.StartAsync();

        var session = await ReadObjectAsync(await app.Client.SendAsync(HttpMethod.Post, "/widget/session", null));
        var token = session["token"]!.GetValue<string>();
        var started = await ReadObjectAsync(await app.Client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token,
            Json(new JsonObject { ["locale"] = "th-TH" })));
        var conversation = new Conversation(started["conversationId"]!.GetValue<string>(), started["token"]!.GetValue<string>(), "");
        var id = await app.Client.SayAsync(conversation, "สวัสดี", "th-TH");
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);

        Assert.Equal(session["conversationId"]!.GetValue<string>(), conversation.Id);
        Assert.Equal(session["userId"]!.GetValue<string>(), activities.Single(a => a["id"]!.GetValue<string>() == id)["from"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task TooManySessionsFromOneClientAreRefusedWith429()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Widget:SessionsPerMinutePerClient"] = "3" });

        for (var i = 0; i < 3; i++)
        {
            await ReadObjectAsync(await app.Client.SendAsync(HttpMethod.Post, "/widget/session", null));
        }

        await AssertErrorAsync(await app.Client.SendAsync(HttpMethod.Post, "/widget/session", null), 429, "TooManyRequests");
    }

    [Theory]
    [InlineData("https://shop.example.com", true)]
    [InlineData("https://evil.example.net", false)]
    public async Task OnlyConfiguredSitesMayEmbedTheWidget(string origin, bool allowed)
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Widget:AllowedOrigins:0"] = "https://shop.example.com" });

        foreach (var path in new[] { "/widget/session", "/v3/directline/conversations" })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
            var response = await app.Client.Http.SendAsync(preflight);

            var granted = response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin;
            Assert.Equal(allowed, granted);
        }
    }

    [Fact]
    public async Task TheHomePageIsADemoSiteThatLoadsTheWidgetFromOurOwnOrigin()
    {
        await using var app = await TestApp.StartAsync();

        var page = await app.Client.Http.GetStringAsync("/");
        var widget = await app.Client.Http.GetStringAsync("/widget.js");
        var panel = await app.Client.Http.GetStringAsync("/widget/panel.js"); // the module widget.js imports

        Assert.Contains("<script src=\"widget.js\"", page);
        Assert.Contains("/widget/panel.js", widget);
        Assert.Contains("/webchat/webchat.js", panel);
        Assert.DoesNotContain("cdn.", widget + panel, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/shared/dom.js")]
    [InlineData("/widget/panel.js")]
    public async Task TheWidgetsModulesMayBeImportedByAnySite(string path)
    {
        await using var app = await TestApp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", "https://shop.example.com");

        var response = await app.Client.Http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task TheSupportHoursAreTheConfiguredBusinessHours()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Handoff:BusinessHours:TimeZone"] = "Asia/Bangkok", ["Handoff:BusinessHours:Opens"] = "08:00", ["Handoff:BusinessHours:Closes"] = "20:00",
            ["Handoff:BusinessHours:Days:0"] = "Monday", ["Handoff:BusinessHours:Days:1"] = "Tuesday", ["Handoff:BusinessHours:Days:2"] = "Wednesday",
        });

        var hours = await ReadObjectAsync(await app.Client.Http.GetAsync("/widget/hours?locale=en-US"));

        Assert.Equal("Monday–Wednesday 08:00–20:00 (Asia/Bangkok)", hours["hours"]!.GetValue<string>());
        Assert.Equal(("08:00", "20:00"), (hours["opens"]!.GetValue<string>(), hours["closes"]!.GetValue<string>()));
    }

    [Fact]
    public async Task WebChatIsServedFromThisServerOrItsAbsenceIsExplained()
    {
        await using var app = await TestApp.StartAsync();
        var installed = File.Exists(Path.Combine(RepositoryPaths.WebContentRoot, "node_modules", "botframework-webchat", "dist", "webchat.js"));
        if (!installed && RedisTestServer.IsCi)
        {
            Assert.Fail("CI=true and Web Chat is not installed: run npm ci in src/SupportBot.Web.");
        }

        var response = await app.Client.Http.GetAsync("/webchat/webchat.js");

        if (installed)
        {
            Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("WebChat", await response.Content.ReadAsStringAsync());
        }
        else
        {
            Assert.Contains("npm ci", await AssertErrorAsync(response, 503, "ServiceUnavailable"));
        }
    }
}
