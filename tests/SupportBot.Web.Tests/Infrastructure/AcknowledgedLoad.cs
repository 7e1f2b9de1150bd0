using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// Customers who keep talking to one server process each, as Web Chat does: a message the server did not acknowledge
/// is sent again with the same clientActivityID until it is. Keeps every acknowledged message (by its unique text)
/// and when each acknowledgement came, to tell afterwards what the store lost and how long the process was away.
/// </summary>
public sealed class AcknowledgedLoad
{
    private readonly ConcurrentQueue<(DirectLineTestClient Client, DirectLineTestClient.Conversation Conversation, string Text)> _acknowledged = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(TimeSpan Started, TimeSpan Answered)>> _successes = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _customers = [];
    private readonly ConcurrentDictionary<int, int> _refusals = new();

    public TimeSpan Now => _clock.Elapsed;

    public int Acknowledged => _acknowledged.Count;

    /// <summary>POSTs not acknowledged, by status (0: the request failed on the wire); each was sent again.</summary>
    public IReadOnlyDictionary<int, int> Refusals => _refusals;

    public int Failures => _refusals.Values.Sum();

    public async Task StartAsync(ServerProcess server, int customers)
    {
        var times = _successes.GetOrAdd(server.BaseUrl, _ => new());
        for (var i = 0; i < customers; i++)
        {
            var conversation = await server.Client.StartAsync();
            _customers.Add(Task.Run(() => TalkAsync(server.Client, conversation, times)));
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_customers);
    }

    /// <summary>The last acknowledgement before <paramref name="moment"/> and the first of a POST sent after it, on one process.</summary>
    public (TimeSpan LastBefore, TimeSpan? FirstAfter) AroundMoment(ServerProcess server, TimeSpan moment)
    {
        var times = _successes[server.BaseUrl].ToList();
        var before = times.Where(t => t.Answered < moment).Select(t => t.Answered).DefaultIfEmpty(TimeSpan.Zero).Max();
        var after = times.Where(t => t.Started >= moment).Select(t => (TimeSpan?)t.Answered).Min();
        return (before, after);
    }

    /// <summary>Acknowledged messages missing from their conversation's log, read through <paramref name="reader"/>.</summary>
    public async Task<List<string>> LostAsync(DirectLineTestClient reader)
    {
        var lost = new List<string>();
        foreach (var conversation in _acknowledged.GroupBy(a => a.Conversation))
        {
            var texts = await TextsAsync(reader, conversation.Key);
            lost.AddRange(conversation.Select(a => a.Text).Where(t => !texts.Contains(t)));
        }

        return lost;
    }

    /// <summary>The text of every activity in the conversation's log, page after page.</summary>
    public static async Task<HashSet<string?>> TextsAsync(DirectLineTestClient reader, DirectLineTestClient.Conversation conversation)
    {
        var texts = new HashSet<string?>();
        var watermark = "";
        while (true)
        {
            var (activities, next) = await reader.GetActivitiesAsync(conversation, watermark);
            texts.UnionWith(activities.Select(a => a["text"]?.GetValue<string>()));
            if (activities.Count == 0 || next == watermark)
            {
                return texts;
            }

            watermark = next;
        }
    }

    /// <summary>One POST of a customer's message; true when the server acknowledged it.</summary>
    public static async Task<bool> TrySayAsync(DirectLineTestClient client, DirectLineTestClient.Conversation conversation, string text, string clientActivityId) =>
        await SayAsync(client, conversation, text, clientActivityId) is >= 200 and < 300;

    /// <summary>One POST of a customer's message; its status, 0 when the request failed on the wire.</summary>
    public static async Task<int> SayAsync(DirectLineTestClient client, DirectLineTestClient.Conversation conversation, string text, string clientActivityId)
    {
        var json = new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["locale"] = "en-US",
            ["from"] = new JsonObject { ["id"] = "ignored-by-server" },
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
        }.ToJsonString();
        try
        {
            using var response = await client.PostActivityAsync(conversation, json);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private async Task TalkAsync(DirectLineTestClient client, DirectLineTestClient.Conversation conversation, ConcurrentQueue<(TimeSpan, TimeSpan)> times)
    {
        while (!_stop.IsCancellationRequested)
        {
            var text = $"hello {Guid.NewGuid():N}";
            var clientActivityId = Guid.NewGuid().ToString("N");
            while (true)
            {
                var started = Now;
                var status = await SayAsync(client, conversation, text, clientActivityId);
                if (status is >= 200 and < 300)
                {
                    _acknowledged.Enqueue((client, conversation, text));
                    times.Enqueue((started, Now));
                    break;
                }

                _refusals.AddOrUpdate(status, 1, (_, n) => n + 1);
                await Task.Delay(100); // the same activity again, as DirectLineJS retries
            }

            await Task.Delay(50);
        }
    }
}
