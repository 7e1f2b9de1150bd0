using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.DirectLine;

/// <summary>
/// Faults with real processes on a real Redis: three servers behind a round-robin "load balancer", thirty
/// customers chatting, one server killed, then Redis stopped and started again. Customers retry a POST whose
/// connection dropped or that was refused with 503, with the same clientActivityID, as Web Chat does.
/// </summary>
public class ConversationFaultServerTests
{
    private const int Conversations = 30;
    private const int MaxMessagesPerConversation = 12;
    private static readonly string[] Questions =
        ["what payment methods do you take", "how long does shipping take", "what is your return policy", "when are you open", "is there a warranty"];

    private readonly ConcurrentBag<string> _unexpected = [];

    private sealed record Sent(int Conversation, string ClientActivityId, string Id);

    [Fact]
    public async Task AfterAKilledServerAndARedisRestartEveryAcknowledgedMessageIsAnsweredOnceSoonAndNeverBounced()
    {
        await using var redis = await RedisProcess.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = redis.Configuration,
            ["Handoff:Enabled"] = "false",
            ["Orders:LookupLatency"] = "00:00:00",
        };
        var servers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ServerProcess.StartAsync("fault:", settings)));
        try
        {
            var live = new[] { true, true, true };
            var chats = await Task.WhenAll(Enumerable.Range(0, Conversations).Select(i => servers[i % 3].Client.StartAsync()));
            var sent = new ConcurrentBag<Sent>();
            using var stopPosting = new CancellationTokenSource();
            var customers = Enumerable.Range(0, Conversations)
                .Select(i => ChatAsync(i, chats[i], servers, live, sent, stopPosting.Token))
                .ToList();

            await Task.Delay(TimeSpan.FromSeconds(3));
            live[0] = false;
            await servers[0].KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await redis.ShutdownAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            await redis.StartAgainAsync();
            await WaitUntilHealthyAsync(servers[1..]);
            var back = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(3));
            await stopPosting.CancelAsync();
            await Task.WhenAll(customers);

            var logs = await ReadWhenAnsweredAsync(servers[1], chats, sent);
            var problems = new List<string>(_unexpected);
            var sendAgain = CommonMessage("sendAgain");
            foreach (var message in sent)
            {
                var log = logs[message.Conversation];
                var customer = log.Where(a => a["channelData"]?["clientActivityID"]?.GetValue<string>() == message.ClientActivityId).ToList();
                var replies = log.Where(a => a["replyToId"]?.GetValue<string>() == message.Id && a["from"]!["role"]?.GetValue<string>() == "bot").ToList();
                var texts = replies.Select(r => r["text"]?.GetValue<string>()).ToList();
                if (customer.Count != 1)
                {
                    problems.Add($"duplicated: {message.ClientActivityId} is in the log {customer.Count} times");
                }

                if (replies.Count == 0)
                {
                    problems.Add($"silent: {message.Id} was acknowledged but never answered");
                    continue;
                }

                if (texts.Distinct().Count() != texts.Count)
                {
                    problems.Add($"answered twice: {message.Id}: {string.Join(" / ", texts)}");
                }

                if (texts.Contains(sendAgain))
                {
                    problems.Add($"send again: {message.Id}");
                }

                var askedAt = Timestamp(customer[0]);
                var waited = Timestamp(replies[0]) - (askedAt > back ? askedAt : back);
                if (waited > TimeSpan.FromSeconds(5))
                {
                    problems.Add($"stalled: {message.Id} waited {waited.TotalSeconds:0.0} s after the service was back");
                }
            }

            Assert.True(sent.Count >= Conversations * 4, $"only {sent.Count} messages were acknowledged");
            Assert.True(problems.Count == 0, $"{problems.Count} problems in {sent.Count} acknowledged messages:\n{string.Join("\n", problems)}\n{ServerLogs(servers)}");
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>One customer: a question, a short pause, the next, until told to stop; each POST retried until acknowledged.</summary>
    private async Task ChatAsync(
        int index, DirectLineTestClient.Conversation chat, ServerProcess[] servers, bool[] live, ConcurrentBag<Sent> sent, CancellationToken stop)
    {
        for (var k = 0; k < MaxMessagesPerConversation && !stop.IsCancellationRequested; k++)
        {
            var clientActivityId = $"c{index}-{k}";
            var body = new JsonObject
            {
                ["type"] = "message",
                ["text"] = Questions[(index + k) % Questions.Length],
                ["locale"] = "en-US",
                ["from"] = new JsonObject { ["id"] = "customer" },
                ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
            }.ToJsonString();
            var deadline = DateTime.UtcNow.AddSeconds(40);
            for (var attempt = 0; DateTime.UtcNow < deadline; attempt++)
            {
                var candidates = servers.Where((_, i) => live[i]).ToList();
                var server = candidates[(index + k + attempt) % candidates.Count];
                try
                {
                    using var response = await server.Client.PostActivityAsync(chat, body);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
                        sent.Add(new Sent(index, clientActivityId, id));
                        break;
                    }

                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                    {
                        _unexpected.Add($"{clientActivityId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // The connection dropped (the server was killed): whether it was stored is unknown, so retry.
                }

                await Task.Delay(300, CancellationToken.None);
            }

            await Task.Delay(Random.Shared.Next(200, 600), CancellationToken.None);
        }
    }

    private static async Task WaitUntilHealthyAsync(IEnumerable<ServerProcess> servers)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var server in servers)
        {
            while (!(await server.Client.Http.GetAsync("/healthz")).IsSuccessStatusCode)
            {
                Assert.True(DateTime.UtcNow < deadline, "the servers did not get Redis back in 30 s");
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Every conversation's log once each acknowledged message has an answer (or 20 s have passed).</summary>
    private static async Task<List<JsonObject>[]> ReadWhenAnsweredAsync(ServerProcess server, DirectLineTestClient.Conversation[] chats, IEnumerable<Sent> sent)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var logs = await Task.WhenAll(chats.Select(async c => (await server.Client.GetActivitiesAsync(c)).Activities));
            var answered = sent.All(m => logs[m.Conversation].Any(a => a["replyToId"]?.GetValue<string>() == m.Id));
            if (answered || DateTime.UtcNow > deadline)
            {
                return logs;
            }

            await Task.Delay(250);
        }
    }

    // A 500 is logged with its exception by the server that answered it: without the servers' logs a failure says what, not why.
    private static string ServerLogs(ServerProcess[] servers) =>
        string.Join("\n", servers.Select((s, i) => $"--- server {i} ---\n{(s.Output.Length > 20_000 ? s.Output[^20_000..] : s.Output)}"));

    private static DateTimeOffset Timestamp(JsonObject activity) =>
        DateTimeOffset.Parse(activity["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static string CommonMessage(string key) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Dialogs, "common.json")))!["messages"]![key]!["en"]!.GetValue<string>();
}
