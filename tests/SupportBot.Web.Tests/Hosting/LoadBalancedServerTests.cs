using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Agents;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// Three server processes behind nginx (deploy/nginx.conf), round-robin, no sticky sessions. Run alone: three
/// processes each, killed and restarted, are slow enough on a busy machine without the other tests beside them.
/// </summary>
[Collection(nameof(LoadBalancedServerTests))]
public class LoadBalancedServerTests
{
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AConversationWhoseRequestsAndSocketLandOnDifferentProcessesGetsEveryReply()
    {
        await using var cluster = await NginxCluster.StartAsync();
        var conversation = await cluster.Client.StartAsync();
        Assert.StartsWith($"ws://{new Uri(cluster.BaseUrl).Authority}/", conversation.StreamUrl, StringComparison.Ordinal);

        List<string> posted = [];
        await using (var stream = new ReconnectingStream(cluster.Client, conversation))
        {
            for (var i = 0; i < 6; i++)
            {
                posted.Add(await cluster.Client.SayAsync(conversation, $"where is my order {i}"));
            }

            await WaitUntil(() => posted.All(id => stream.RepliesByActivity().Contains(id)));
            Assert.All(posted, id => Assert.Single(stream.RepliesByActivity()[id]));
            Assert.Equal(0, stream.Reconnects);
        }

        // nginx logs a WebSocket once it closes: the socket's process, and the processes the POSTs went to.
        await Task.Delay(200);
        var posts = cluster.UpstreamPortsOf($"POST /v3/directline/conversations/{conversation.Id}/activities");
        var socket = Assert.Single(cluster.UpstreamPortsOf($"GET /v3/directline/conversations/{conversation.Id}/stream"));
        Assert.Contains(posts, port => port != socket);
    }

    [Fact]
    public async Task KillingOneOfThreeProcessesUnderLoadLeavesNoAcknowledgedMessageUnanswered()
    {
        await using var cluster = await NginxCluster.StartAsync();
        var (load, conversations, streams) = await UnderLoadAsync(cluster, async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await cluster.KillAsync(0);
            await Task.Delay(TimeSpan.FromSeconds(4));
        });

        await AssertEveryAcknowledgedMessageAnsweredOnceAsync(load, conversations, streams);
        // The sockets on the killed process came back through nginx on another.
        Assert.Contains(streams, s => s.Reconnects > 0);
        await DisposeAllAsync(streams);
    }

    [Fact]
    public async Task ARollingRestartUnderLoadFailsNoRequestAndLeavesNoMessageUnanswered()
    {
        await using var cluster = await NginxCluster.StartAsync();
        var (load, conversations, streams) = await UnderLoadAsync(cluster, async () =>
        {
            // Each next process as soon as the last is back: quicker than nginx's 5 s fail_timeout, so nginx has passed
            // over every process at some moment and must turn to its backups (deploy/start-nginx.sh).
            for (var i = 0; i < cluster.Servers.Count; i++)
            {
                await cluster.RestartAsync(i);
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        });

        await AssertEveryAcknowledgedMessageAnsweredOnceAsync(load, conversations, streams);
        AssertNoRequestFailed(load, cluster);
        Assert.Contains(streams, s => s.Reconnects > 0);
        await DisposeAllAsync(streams);
    }

    [Fact]
    public async Task AMessageAProcessDropsUnansweredGoesToTheNextProcessAndIsAnsweredOnce()
    {
        // What a rolling restart sometimes does (5 runs of 17 on a busy machine): the stopping process closes a
        // keep-alive connection just as nginx sends a customer's POST down it. Here a fourth upstream does it every time.
        await using var dropping = new DroppingUpstream();
        await using var cluster = await NginxCluster.StartAsync(alsoUpstream: [dropping.Authority]);
        var (load, conversations, streams) = await UnderLoadAsync(cluster, async () =>
        {
            dropping.Start();
            // nginx passes over an upstream for 5 s after it fails (max_fails=1 fail_timeout=5s): wait for two drops.
            var deadline = DateTime.UtcNow.AddSeconds(40);
            while (dropping.Dropped.Count(IsCustomerMessage) < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        });

        Assert.True(dropping.Dropped.Count(IsCustomerMessage) >= 2, $"nginx sent the dropping upstream {dropping.Dropped.Count} requests: {string.Join("; ", dropping.Dropped)}");
        AssertNoRequestFailed(load, cluster);
        await AssertEveryAcknowledgedMessageAnsweredOnceAsync(load, conversations, streams);
        await DisposeAllAsync(streams);

        static bool IsCustomerMessage(string requestLine) =>
            requestLine.StartsWith("POST /v3/directline/conversations/", StringComparison.Ordinal) && requestLine.Contains("/activities ", StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpeningAChatWhileAProcessDropsRequestsNeverFails()
    {
        // The same dropped connection meeting the requests that open a chat: the widget's session, the conversation's
        // start with its token, a token refresh, and a token server's tokens/generate with a start. Each went back to
        // the customer as a 502 (a widget that never opened) until nginx sent them on too.
        await using var dropping = new DroppingUpstream();
        var settings = new Dictionary<string, string?> { ["Widget:SessionsPerMinutePerClient"] = "100000" };
        await using var cluster = await NginxCluster.StartAsync(settings: settings, alsoUpstream: [dropping.Authority]);
        dropping.Start();
        var failed = new List<string>();
        var opened = 0;
        var deadline = DateTime.UtcNow.AddSeconds(40);
        // nginx passes over the dropping upstream for 5 s after each drop: three drops take at least 10 s.
        while (dropping.Dropped.Count(IsOpening) < 3 && DateTime.UtcNow < deadline)
        {
            var session = await cluster.Client.SendAsync(HttpMethod.Post, "/widget/session", null);
            if (!await SucceededAsync(session, "widget session"))
            {
                continue;
            }

            var token = (await ReadObjectAsync(session))["token"]!.GetValue<string>();
            var start = await cluster.Client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token, Json(new JsonObject { ["locale"] = "en-US" }));
            if (await SucceededAsync(start, "start") && await SucceededAsync(await cluster.Client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token), "refresh"))
            {
                opened++;
            }

            using var generate = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate");
            generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestApp.Secret);
            var generated = await cluster.Client.Http.SendAsync(generate);
            if (await SucceededAsync(generated, "tokens/generate"))
            {
                var generatedToken = (await ReadObjectAsync(generated))["token"]!.GetValue<string>();
                await SucceededAsync(await cluster.Client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", generatedToken, null), "start after tokens/generate");
            }
        }

        Assert.True(dropping.Dropped.Count(IsOpening) >= 3, $"nginx sent the dropping upstream {dropping.Dropped.Count} requests: {string.Join("; ", dropping.Dropped)}");
        Assert.True(failed.Count == 0, $"{failed.Count} of the requests opening {opened} chats failed: {string.Join("; ", failed.Take(5))}\ndropped: {string.Join("; ", dropping.Dropped)}");
        Assert.True(opened > 0);

        async Task<bool> SucceededAsync(HttpResponseMessage response, string what)
        {
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            failed.Add($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return false;
        }

        static bool IsOpening(string requestLine) =>
            requestLine.StartsWith("POST /widget/session ", StringComparison.Ordinal)
            || requestLine.StartsWith("POST /v3/directline/tokens/", StringComparison.Ordinal)
            || requestLine.StartsWith("POST /v3/directline/conversations ", StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentWhoseProcessIsKilledReconnectsThroughNginxAndKeepsTheChat()
    {
        await using var cluster = await NginxCluster.StartAsync(settings: AgentTestClient.Accounts(1));
        var token = await AgentTestClient.SignInAsync(cluster.BaseUrl, "agent-01");
        var agent = await AgentTestClient.ConnectAsync(cluster.BaseUrl, "agent-01", token, webSocketsOnly: true);
        var dropped = new TaskCompletionSource();
        agent.Hub.Closed += _ =>
        {
            dropped.TrySetResult();
            return Task.CompletedTask;
        };
        var chat = await CustomerChat.StartAsync(cluster.Client, "en-US");
        await chat.SaysAsync("agent");
        await AgentTestClient.NextAsync(agent.Escalations, "the escalation", e => e.ConversationId == chat.Conversation.Id);
        await agent.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id);

        // Which process holds the agent's socket is nginx's choice: kill them one at a time until it is among them,
        // bringing the first back before the last goes, so one is always there to reconnect to.
        for (var i = 0; i < cluster.Servers.Count && !dropped.Task.IsCompleted; i++)
        {
            if (i == cluster.Servers.Count - 1)
            {
                await cluster.RestartAsync(0);
            }

            await cluster.KillAsync(i);
            await Task.WhenAny(dropped.Task, Task.Delay(TimeSpan.FromSeconds(3)));
        }

        Assert.True(dropped.Task.IsCompleted, "the agent's connection went with its process");
        await agent.DisposeAsync();
        await using var back = await AgentTestClient.ConnectAsync(cluster.BaseUrl, "agent-01", token, webSocketsOnly: true);
        await chat.SaysAsync("my parcel has not arrived");
        var (_, entry) = await AgentTestClient.NextAsync(back.CustomerMessages, "the customer's message after the reconnect");
        await back.Hub.InvokeAsync<TranscriptEntry>("Send", chat.Conversation.Id, "Let me check that for you.");
        await chat.WaitForAsync(a => a["text"]?.GetValue<string>() == "Let me check that for you.", "the agent's reply after the reconnect");

        Assert.Equal("my parcel has not arrived", entry.Text);
    }

    /// <summary>Six customers with their sockets open, each saying something every 250 ms while <paramref name="meanwhile"/> runs.</summary>
    private static async Task<(CustomerLoad, List<Conversation>, List<ReconnectingStream>)> UnderLoadAsync(NginxCluster cluster, Func<Task> meanwhile)
    {
        var conversations = new List<Conversation>();
        var streams = new List<ReconnectingStream>();
        for (var i = 0; i < 6; i++)
        {
            var conversation = await cluster.Client.StartAsync();
            conversations.Add(conversation);
            streams.Add(new ReconnectingStream(cluster.Client, conversation));
            // Starting a conversation and its socket take a fixed number of requests, so with round robin every
            // socket would land on the same process, perhaps not the one killed: one more request shifts the next.
            await cluster.Client.Http.GetAsync("/healthz");
        }

        var load = new CustomerLoad(cluster.Client, conversations, TimeSpan.FromMilliseconds(250));
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);
        await meanwhile();
        await stop.CancelAsync();
        await running;
        return (load, conversations, streams);
    }

    private static async Task AssertEveryAcknowledgedMessageAnsweredOnceAsync(
        CustomerLoad load, List<Conversation> conversations, List<ReconnectingStream> streams)
    {
        Assert.NotEmpty(load.Acknowledged);
        var streamOf = conversations.Zip(streams).ToDictionary(p => p.First.Id, p => p.Second);
        await WaitUntil(() => load.Acknowledged.All(a => streamOf[a.Conversation.Id].RepliesByActivity().Contains(a.ActivityId)));
        var unanswered = load.Acknowledged.Where(a => !streamOf[a.Conversation.Id].RepliesByActivity().Contains(a.ActivityId)).ToList();
        Assert.True(unanswered.Count == 0, $"{unanswered.Count} of {load.Acknowledged.Count} acknowledged messages got no reply: {string.Join(", ", unanswered.Select(u => u.ActivityId))}");
        Assert.All(load.Acknowledged, a => Assert.Single(streamOf[a.Conversation.Id].RepliesByActivity()[a.ActivityId]));
    }

    private static void AssertNoRequestFailed(CustomerLoad load, NginxCluster cluster) =>
        Assert.True(load.FailedRequests.IsEmpty,
            $"{load.FailedRequests.Count} requests failed: {string.Join("; ", load.FailedRequests.Take(3))}\nnginx's error log:\n{cluster.ErrorLog()}");

    private static async Task DisposeAllAsync(List<ReconnectingStream> streams)
    {
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + AnswerWait;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }
}

[CollectionDefinition(nameof(LoadBalancedServerTests), DisableParallelization = true)]
public sealed class LoadBalancedCollection;
