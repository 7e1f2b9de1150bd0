using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Handoff;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Agents;
using SupportBot.Web.Metrics;
using static SupportBot.Tests.Infrastructure.AgentTestClient;

namespace SupportBot.Tests.Metrics;

/// <summary>What a Prometheus scrape of a real server process (on Redis) shows after customers and agents used it.</summary>
public sealed class MetricsServerTests
{
    [Fact]
    public async Task AScrapeShowsTheTurnsTheHandoffByReasonTheQueueAndTheAgentsOnline()
    {
        var (server, agent, _) = await QueuedChatAsync();
        await using (server)
        await using (agent)
        {
            var scrape = PrometheusText.Parse(await server.Client.Http.GetStringAsync(MetricsFeature.Path));

            // Two turns: the greeting of the conversation's start, and the message that asked for a person.
            Assert.Equal(2, scrape.Value("supportbot_turns_total"));
            Assert.Equal(2, scrape.Value("supportbot_turn_duration_seconds_count"));
            Assert.InRange(scrape.Value("supportbot_turn_duration_seconds_sum")!.Value, 0.000_001, 60);
            Assert.Equal(1, scrape.Value("supportbot_handoffs_total", ("reason", HandoffReasons.CustomerRequest)));
            Assert.Equal(1, scrape.Value("supportbot_queue_length"));
            Assert.Equal(1, scrape.Value("supportbot_agents_online"));
            Assert.Contains(scrape.Samples, s => s.Name == "supportbot_model_info" && s.Value == 1 && s.Labels["version"].Length > 0);
        }
    }

    [Fact]
    public async Task TheQueueGaugeFallsWhenAnAgentTakesTheChat()
    {
        var (server, agent, chat) = await QueuedChatAsync();
        await using (server)
        await using (agent)
        {
            await agent.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id);

            var scrape = PrometheusText.Parse(await server.Client.Http.GetStringAsync(MetricsFeature.Path));

            Assert.Equal(0, scrape.Value("supportbot_queue_length"));
            Assert.Equal(1, scrape.Value("supportbot_handoffs_total", ("reason", HandoffReasons.CustomerRequest)));
        }
    }

    /// <summary>A fresh server process, one agent online, and a customer who asked for a person and waits in the queue.</summary>
    private static async Task<(ServerProcess Server, AgentTestClient Agent, CustomerChat Chat)> QueuedChatAsync()
    {
        RedisTestServer.Connect();
        var server = await ServerProcess.StartAsync(RedisTestServer.UniquePrefix(), Accounts(1));
        AgentTestClient? agent = null;
        try
        {
            agent = await ConnectAsync(server.BaseUrl, "agent-01");
            var chat = await CustomerChat.StartAsync(server.Client, "en-US");
            await chat.SaysAsync("agent");
            await NextAsync(agent.Escalations, "the escalation");
            return (server, agent, chat);
        }
        catch
        {
            // The caller never gets them to dispose: the server process would outlive the test run.
            if (agent is not null)
            {
                await agent.DisposeAsync();
            }

            await server.DisposeAsync();
            throw;
        }
    }
}
