using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SupportBot.Bench;

/// <summary>
/// The failover benchmark: what customers meet when the Redis primary is killed under load. Reports the gap from
/// the last acknowledgement before the kill to the first acknowledgement of a message sent after it, the POSTs
/// refused meanwhile (by status), and how many acknowledged messages the conversation logs no longer hold.
/// </summary>
internal static class FailoverLoad
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(FailoverSettings settings)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var conversations = new List<(string Id, string Token)>();
        try
        {
            for (var i = 0; i < settings.Conversations; i++)
            {
                var generated = await ConversationSetup.PostAsync(http, $"{settings.BaseUrl}/v3/directline/tokens/generate", settings.Secret,
                    $$$"""{"user":{"id":"failover-user-{{{i}}}"}}""", WireJson.Default.DirectLineConversation, CancellationToken.None);
                var started = await ConversationSetup.PostAsync(http, $"{settings.BaseUrl}/v3/directline/conversations", generated.Token,
                    """{"locale":"en-US"}""", WireJson.Default.DirectLineConversation, CancellationToken.None);
                conversations.Add((started.ConversationId, started.Token));
            }
        }
        catch (BenchSetupException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }

        var clock = Stopwatch.StartNew();
        var posts = new ConcurrentQueue<Post>();
        using var stop = new CancellationTokenSource();
        var loops = conversations.Select(c => Task.Run(() => TalkAsync(http, settings, c, clock, posts, stop.Token))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(settings.KillAfterSeconds));
        TimeSpan killedAt;
        using (var victim = Process.GetProcessById(settings.KillPid))
        {
            // Read once the process is found, just before the kill: the time GetProcessById takes is not the outage's.
            killedAt = clock.Elapsed;
            victim.Kill();
        }

        await Task.Delay(TimeSpan.FromSeconds(settings.AfterSeconds));
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        var acknowledged = posts.Where(p => p.Status is >= 200 and < 300).ToList();
        var lost = 0;
        foreach (var conversation in acknowledged.GroupBy(p => p.Conversation))
        {
            var texts = await TextsAsync(http, settings.BaseUrl, conversation.Key);
            lost += conversation.Count(p => !texts.Contains(p.Text));
        }

        Console.WriteLine(Report(settings, posts.ToList(), acknowledged, killedAt, lost));
        return 0;
    }

    private static string Report(FailoverSettings settings, List<Post> posts, List<Post> acknowledged, TimeSpan killedAt, int lost)
    {
        var lastBefore = acknowledged.Where(p => p.Ended < killedAt).Select(p => p.Ended).DefaultIfEmpty().Max();
        var firstAfter = acknowledged.Where(p => p.Started >= killedAt).Select(p => (TimeSpan?)p.Ended).Min();
        var refused = posts.Where(p => p.Status is < 200 or >= 300).GroupBy(p => p.Status).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} x {(g.Key == 0 ? "no answer" : g.Key.ToString(CultureInfo.InvariantCulture))}");
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Redis failover: {settings.Conversations} conversations, primary (pid {settings.KillPid}) killed after {settings.KillAfterSeconds:F0} s of load");
        text.AppendLine(CultureInfo.InvariantCulture, $"  date (UTC)     {DateTime.UtcNow:u}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  acknowledged   {acknowledged.Count(p => p.Ended < killedAt)} before the kill, {acknowledged.Count} in all");
        text.AppendLine(CultureInfo.InvariantCulture, $"  refused        {string.Join(", ", refused.DefaultIfEmpty("none"))} (each sent again)");
        text.AppendLine(firstAfter is { } first
            ? string.Create(CultureInfo.InvariantCulture, $"  failover       {(first - lastBefore).TotalMilliseconds:F0} ms from the last acknowledgement before the kill to the first of a message sent after it ({(first - killedAt).TotalMilliseconds:F0} ms after the kill)")
            : "  failover       no message sent after the kill was acknowledged");
        var perConversation = acknowledged.Where(p => p.Started >= killedAt).GroupBy(p => p.Conversation)
            .Select(g => (g.Min(p => p.Ended) - killedAt).TotalMilliseconds).Order().ToList();
        if (perConversation.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  per conv.      first acknowledgement after the kill: median {perConversation[perConversation.Count / 2]:F0} ms, last conversation {perConversation[^1]:F0} ms ({perConversation.Count} of {settings.Conversations} conversations carried on)");
        }

        text.Append(CultureInfo.InvariantCulture, $"  lost           {lost} acknowledged message(s) missing from their conversation's log");
        return text.ToString();
    }

    private static async Task TalkAsync(
        HttpClient http, FailoverSettings settings, (string Id, string Token) conversation, Stopwatch clock, ConcurrentQueue<Post> posts, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var text = $"hello {Guid.NewGuid():N}";
            var body = new JsonObject
            {
                ["type"] = "message",
                ["text"] = text,
                ["locale"] = "en-US",
                ["from"] = new JsonObject { ["id"] = "failover-user" },
                ["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N") },
            }.ToJsonString();
            while (!stop.IsCancellationRequested)
            {
                var started = clock.Elapsed;
                var status = await PostAsync(http, $"{settings.BaseUrl}/v3/directline/conversations/{conversation.Id}/activities", conversation.Token, body);
                posts.Enqueue(new Post(conversation, started, clock.Elapsed, status, text));
                if (status is >= 200 and < 300)
                {
                    break;
                }

                await Task.Delay(RetryPause, CancellationToken.None);
            }
        }
    }

    private static async Task<int> PostAsync(HttpClient http, string url, string token, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    /// <summary>Every activity text in the conversation's log, read page by page with the watermark.</summary>
    private static async Task<HashSet<string>> TextsAsync(HttpClient http, string baseUrl, (string Id, string Token) conversation)
    {
        var texts = new HashSet<string>(StringComparer.Ordinal);
        var watermark = "";
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/v3/directline/conversations/{conversation.Id}/activities?watermark={watermark}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversation.Token);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var set = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var activities = set["activities"]!.AsArray();
            foreach (var activity in activities)
            {
                if (activity?["text"]?.GetValue<string>() is { } text)
                {
                    texts.Add(text);
                }
            }

            var next = set["watermark"]?.GetValue<string>() ?? "";
            if (activities.Count == 0 || next == watermark)
            {
                return texts;
            }

            watermark = next;
        }
    }

    private sealed record Post((string Id, string Token) Conversation, TimeSpan Started, TimeSpan Ended, int Status, string Text);
}
