using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Handoff.Tickets;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Agents;
using static SupportBot.Tests.Infrastructure.AgentTestClient;

namespace SupportBot.Tests.Mail;

/// <summary>Answering tickets by mail, against a real SMTP server (aiosmtpd): what the customer's mailbox gets.</summary>
public sealed class TicketReplyServerTests
{
    [Fact]
    public async Task AReplyToATicketReachesTheCustomersMailboxAndIsRecordedOnTheTicket()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = await StartAsync(smtp.Port);
        var ticket = await LeaveTicketAsync(app, "Where is my parcel? It is ORD-10004.");
        await using var agent = await ConnectAsync(app.BaseUrl, "agent-01");

        var answered = await agent.Hub.InvokeAsync<TicketView>("ReplyTicket", ticket.Id, "Your parcel left our warehouse today.");

        var mail = await smtp.WaitForMessagesAsync();
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains($"goes through 127.0.0.1:{smtp.Port}", StringComparison.Ordinal));
        Assert.Contains("To: customer@example.com", mail);
        Assert.Contains($"Subject: Re: your message to our support ({ticket.Id})", mail);
        Assert.Contains("Your parcel left our warehouse today.", mail);
        Assert.Contains("> Where is my parcel? It is ORD-10004.", mail);
        var reply = Assert.Single(answered.Replies);
        Assert.Equal(("agent-01", "Your parcel left our warehouse today."), (reply.AgentId, reply.Text));
        var listed = Assert.Single(await agent.Hub.InvokeAsync<IReadOnlyList<TicketView>>("Tickets"), t => t.Id == ticket.Id);
        Assert.Single(listed.Replies);
    }

    [Fact]
    public async Task AReplyTheMailServerCannotTakeIsNotRecordedAndTheAgentIsToldWhy()
    {
        await using var app = await StartAsync(ClosedPort());
        var ticket = await LeaveTicketAsync(app, "Hello?");
        await using var agent = await ConnectAsync(app.BaseUrl, "agent-01");

        var refused = await Assert.ThrowsAsync<HubException>(() => agent.Hub.InvokeAsync<TicketView>("ReplyTicket", ticket.Id, "Hi!"));

        Assert.Contains("mail_failed: The reply was not sent", refused.Message);
        Assert.Empty((await app.Services.GetRequiredService<ITicketStore>().GetAsync(ticket.Id))!.Replies);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task WithoutAMailServerTheReplyIsWrittenAsAnEmlFileInThePickupFolder()
    {
        var folder = Directory.CreateTempSubdirectory("supportbot-mail-test-").FullName;
        try
        {
            await using var app = await TestApp.StartAsync(new Dictionary<string, string?>(Accounts(1))
            {
                ["Handoff:Enabled"] = "true",
                ["Mail:PickupDirectory"] = folder,
            });
            var ticket = await LeaveTicketAsync(app, "Can I change my address?");
            await using var agent = await ConnectAsync(app.BaseUrl, "agent-01");

            await agent.Hub.InvokeAsync<TicketView>("ReplyTicket", ticket.Id, "Yes, until the parcel ships.");

            Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains($".eml file to {folder}", StringComparison.Ordinal));
            var written = Assert.Single(Directory.GetFiles(folder, "*.eml"));
            var text = await File.ReadAllTextAsync(written);
            Assert.Contains("To: customer@example.com", text);
            Assert.Contains("Yes, until the parcel ships.", text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RepliesAreKeptWithTheTicketInRedisForEveryServerProcess()
    {
        RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        var folder = Directory.CreateTempSubdirectory("supportbot-mail-test-").FullName;
        try
        {
            await using var app = await TestApp.StartAsync(new Dictionary<string, string?>(Accounts(1))
            {
                ["Handoff:Enabled"] = "true",
                ["Mail:PickupDirectory"] = folder,
                ["Redis:ConnectionString"] = RedisTestServer.Configuration,
                ["Redis:KeyPrefix"] = prefix,
            });
            var ticket = await LeaveTicketAsync(app, "Do you ship to Iceland?");
            await using var agent = await ConnectAsync(app.BaseUrl, "agent-01");
            await agent.Hub.InvokeAsync<TicketView>("ReplyTicket", ticket.Id, "We do, in 5 to 8 days.");
            await agent.Hub.InvokeAsync<TicketView>("ReplyTicket", ticket.Id, "And shipping is free over 100 EUR.");

            using var another = await RedisTestServer.ConnectAnotherAsync();
            var elsewhere = new RedisTicketStore(another, new SupportBot.Redis.RedisKeys(prefix));
            Assert.Equal(["We do, in 5 to 8 days.", "And shipping is free over 100 EUR."], (await elsewhere.GetAsync(ticket.Id))!.Replies.Select(r => r.Text));
            Assert.False(await elsewhere.AddReplyAsync("TCK-99999", new TicketReply("agent-01", "Agent 1", "lost", DateTimeOffset.UtcNow)));
            Assert.Null(await elsewhere.GetAsync("TCK-99999"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<TestApp> StartAsync(int smtpPort) => TestApp.StartAsync(new Dictionary<string, string?>(Accounts(1))
    {
        ["Handoff:Enabled"] = "true",
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
        ["Mail:From"] = "Support <support@shop.example>",
        ["Mail:TimeoutSeconds"] = "5",
    });

    private static Task<Ticket> LeaveTicketAsync(TestApp app, string message) =>
        app.Services.GetRequiredService<ITicketStore>().CreateAsync(new Ticket
        {
            ConversationId = "conversation-1", Email = "customer@example.com", Message = message, Language = "en", CreatedAt = DateTimeOffset.UtcNow,
        });

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
