using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Hosting;

/// <summary>Three server processes behind nginx (deploy/nginx.conf), round-robin, no sticky sessions.</summary>
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
        var (conversations, streams) = await OpenConversationsAsync(cluster, 6);
        var load = new CustomerLoad(cluster.Client, conversations, TimeSpan.FromMilliseconds(250));
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);

        await Task.Delay(TimeSpan.FromSeconds(2));
        await cluster.KillAsync(0);
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await running;

        await AssertEveryAcknowledgedMessageAnsweredOnceAsync(load, conversations, streams);
        // The sockets on the killed process came back through nginx on another.
        Assert.Contains(streams, s => s.Reconnects > 0);
        await DisposeAllAsync(streams);
    }

    [Fact]
    public async Task ARollingRestartUnderLoadFailsNoRequestAndLeavesNoMessageUnanswered()
    {
        await using var cluster = await NginxCluster.StartAsync();
        var (conversations, streams) = await OpenConversationsAsync(cluster, 6);
        var load = new CustomerLoad(cluster.Client, conversations, TimeSpan.FromMilliseconds(250));
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);

        for (var i = 0; i < cluster.Servers.Count; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await cluster.RestartAsync(i);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await running;

        await AssertEveryAcknowledgedMessageAnsweredOnceAsync(load, conversations, streams);
        Assert.Empty(load.FailedRequests);
        Assert.Contains(streams, s => s.Reconnects > 0);
        await DisposeAllAsync(streams);
    }

    private static async Task<(List<Conversation>, List<ReconnectingStream>)> OpenConversationsAsync(NginxCluster cluster, int count)
    {
        var conversations = new List<Conversation>();
        var streams = new List<ReconnectingStream>();
        for (var i = 0; i < count; i++)
        {
            var conversation = await cluster.Client.StartAsync();
            conversations.Add(conversation);
            streams.Add(new ReconnectingStream(cluster.Client, conversation));
        }

        return (conversations, streams);
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
