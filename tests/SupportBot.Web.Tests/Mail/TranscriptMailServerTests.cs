using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Mail;

/// <summary>"Email me this transcript" from the widget, against a real SMTP server (aiosmtpd).</summary>
public sealed class TranscriptMailServerTests
{
    [Fact]
    public async Task ACustomerGetsTheConversationMailedToTheAddressTheyType()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = await StartAsync(smtp.Port);
        var chat = await CustomerChat.StartAsync(app.Client, "en-US");
        await chat.SaysAsync("Where is my order ORD-10002?");

        var response = await MailAsync(app, chat.Conversation.Id, chat.Conversation.Token, "me@example.com");

        Assert.Equal(202, (int)response.StatusCode);
        var mail = await smtp.WaitForMessagesAsync();
        Assert.Contains("To: me@example.com", mail);
        Assert.Contains("You: Where is my order ORD-10002?", mail);
        Assert.Contains("Bot: ", mail);
    }

    [Fact]
    public async Task ATranscriptIsOnlyForTheConversationsOwnTokenAndARealAddress()
    {
        await using var app = await StartAsync(port: 25, perHour: 100); // refused requests count against the allowance too
        var mine = await app.Client.StartAsync();
        var theirs = await app.Client.StartAsync();

        await DirectLineTestClient.AssertErrorAsync(await MailAsync(app, theirs.Id, mine.Token, "me@example.com"), 403, "Forbidden");
        await DirectLineTestClient.AssertErrorAsync(await MailAsync(app, mine.Id, null, "me@example.com"), 401, "Unauthorized");
        foreach (var bad in new[] { "", "not an address", "a@b.example, c@d.example", "Eve <eve@example.com>", new string('a', 250) + "@example.com" })
        {
            await DirectLineTestClient.AssertErrorAsync(await MailAsync(app, mine.Id, mine.Token, bad), 400, "BadArgument");
        }
    }

    [Fact]
    public async Task MoreTranscriptsThanTheHourlyAllowanceAreRefusedWithTooManyRequests()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = await StartAsync(smtp.Port, perHour: 2);
        var conversation = await app.Client.StartAsync();

        Assert.Equal(202, (int)(await MailAsync(app, conversation.Id, conversation.Token, "me@example.com")).StatusCode);
        Assert.Equal(202, (int)(await MailAsync(app, conversation.Id, conversation.Token, "me@example.com")).StatusCode);
        await DirectLineTestClient.AssertErrorAsync(await MailAsync(app, conversation.Id, conversation.Token, "me@example.com"), 429, "TooManyRequests");
        await smtp.WaitForMessagesAsync(2);
    }

    private static Task<HttpResponseMessage> MailAsync(TestApp app, string conversationId, string? token, string email) =>
        app.Client.SendAsync(HttpMethod.Post, $"/widget/conversations/{conversationId}/transcript", token,
            JsonContent.Create(new JsonObject { ["email"] = email }));

    private static Task<TestApp> StartAsync(int port, int perHour = 3) => TestApp.StartAsync(new Dictionary<string, string?>
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
        ["Mail:TranscriptsPerHourPerConversation"] = perHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
