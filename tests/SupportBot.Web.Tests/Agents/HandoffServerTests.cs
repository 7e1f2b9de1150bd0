using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Schema;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Agents;
using static SupportBot.Tests.Infrastructure.AgentTestClient;

namespace SupportBot.Tests.Agents;

/// <summary>The whole hand-off on a server with Redis: agents on the real SignalR client, customers on Direct Line.</summary>
public sealed partial class HandoffServerTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        RedisTestServer.Connect();
        _app = await StartAsync();
    }

    [Fact]
    public async Task OfFiftyAgentsClaimingOneConversationAtOnceExactlyOneWins()
    {
        await using var app = await StartAsync(AccountsWithLanguages(50));
        var agents = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => ConnectAsync(app.BaseUrl, $"agent-{i:D2}")));
        var chat = await CustomerChat.StartAsync(app.Client, "en-US");
        await chat.SaysAsync("agent");

        using var start = new SemaphoreSlim(0);
        var claims = agents.Select(async agent =>
        {
            await start.WaitAsync();
            try
            {
                return (agent.Id, View: await agent.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id), Error: (string?)null);
            }
            catch (HubException e)
            {
                return (agent.Id, View: (ChatView?)null, Error: e.Message);
            }
        }).ToList();
        start.Release(agents.Length);
        var results = await Task.WhenAll(claims);

        var winner = Assert.Single(results, r => r.View is not null);
        Assert.All(results.Where(r => r.View is null), r => Assert.Contains("taken:", r.Error));
        Assert.Equal(winner.Id, winner.View!.AgentId);
        var record = await app.Services.GetRequiredService<IHandoffStore>().GetAsync(chat.Conversation.Id);
        Assert.Equal((HandoffStage.Assigned, winner.Id), (record!.Stage, record.AgentId));
        await Task.WhenAll(agents.Select(a => a.DisposeAsync().AsTask()));
    }

    private static readonly string _noAgents = SupportBot.Dialogs.DialogLoader.Load(RepositoryPaths.Dialogs, SupportBot.Dialogs.DialogActions.Descriptors)
        .Message(HandoffMessages.NoAgents, "en");

    private async Task<CustomerChat> EscalateAndClaimAsync(AgentTestClient agent)
    {
        var chat = await CustomerChat.StartAsync(_app.Client, "en-US");
        await chat.SaysAsync("agent");
        await agent.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id);
        await chat.WaitForAsync(a => Text(a)?.Contains("joined", StringComparison.Ordinal) == true, "the agent joining");
        return chat;
    }

    private static string? Text(JsonObject activity) =>
        activity["type"]!.GetValue<string>() == "message" ? activity["text"]?.GetValue<string>() : null;

    private static Dictionary<string, string?> AccountsWithLanguages(int count) => AgentTestClient.Accounts(count);

    private static Task<TestApp> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? AgentTestClient.Accounts(2))
        {
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = RedisTestServer.UniquePrefix(),
            ["Handoff:Enabled"] = "true",
        };
        return TestApp.StartAsync(all);
    }
}
