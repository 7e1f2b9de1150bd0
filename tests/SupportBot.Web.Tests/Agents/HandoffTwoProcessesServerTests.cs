using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Agents;
using static SupportBot.Tests.Infrastructure.AgentTestClient;

namespace SupportBot.Tests.Agents;

/// <summary>With Redis, the customer and the agent may be served by different server processes.</summary>
public class HandoffTwoProcessesServerTests
{
    [Fact]
    public async Task ACustomerOnOneProcessAndAnAgentOnTheOtherChatBothWays()
    {
        RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        var settings = AgentTestClient.Accounts(1);
        await using var customers = await ServerProcess.StartAsync(prefix, settings);
        await using var agents = await ServerProcess.StartAsync(prefix, settings);
        await using var agent = await ConnectAsync(agents.BaseUrl, "agent-01");
        var chat = await CustomerChat.StartAsync(customers.Client, "th-TH");

        Assert.Contains("1", (await chat.SaysAsync("ขอคุยกับเจ้าหน้าที่ค่ะ")).Last());
        var escalation = await NextAsync(agent.Escalations, "the escalation from the other process");
        Assert.Equal(("th", chat.Conversation.Id), (escalation.Language, escalation.ConversationId));
        await agent.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id);
        await chat.WaitForAsync(a => a["text"]?.GetValue<string>().Contains("Agent 1", StringComparison.Ordinal) == true, "the agent joining");

        await chat.SaysAsync("พัสดุยังไม่มาเลยค่ะ");
        var (_, entry) = await NextAsync(agent.CustomerMessages, "the customer's message from the other process");
        await agent.Hub.InvokeAsync<TranscriptEntry>("Send", chat.Conversation.Id, "ขอตรวจสอบให้นะคะ");
        var reply = await chat.WaitForAsync(a => a["text"]?.GetValue<string>() == "ขอตรวจสอบให้นะคะ", "the agent's reply from the other process");

        Assert.Equal("พัสดุยังไม่มาเลยค่ะ", entry.Text);
        Assert.Equal("Agent 1", reply["from"]!["name"]!.GetValue<string>());
    }
}
