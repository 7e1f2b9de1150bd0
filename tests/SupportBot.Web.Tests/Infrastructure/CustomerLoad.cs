using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// A little steady load through a load balancer: customers each saying something every <c>interval</c>, as Web Chat
/// posts it. A POST that fails is sent again with the same clientActivityID (Web Chat's "Send failed. Retry."), which
/// the server answers with the first one's id instead of appending it twice. Records what the server acknowledged
/// and every request that failed.
/// </summary>
public sealed class CustomerLoad(DirectLineTestClient client, IReadOnlyList<Conversation> conversations, TimeSpan interval)
{
    public ConcurrentBag<(Conversation Conversation, string ActivityId)> Acknowledged { get; } = [];

    public ConcurrentBag<string> FailedRequests { get; } = [];

    public Task RunAsync(CancellationToken stop) => Task.WhenAll(conversations.Select(c => TalkAsync(c, stop)));

    private async Task TalkAsync(Conversation conversation, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var clientActivityId = Guid.NewGuid().ToString("N");
            while (!await TrySayAsync(conversation, $"where is my order {i}", clientActivityId))
            {
                await Task.Delay(200, CancellationToken.None);
            }

            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> TrySayAsync(Conversation conversation, string text, string clientActivityId)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["locale"] = "en-US",
            ["from"] = new JsonObject { ["id"] = "ignored-by-server" },
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversation.Id}/activities")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversation.Token);
        try
        {
            using var response = await client.Http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                Acknowledged.Add((conversation, (await ReadObjectAsync(response))["id"]!.GetValue<string>()));
                return true;
            }

            FailedRequests.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            FailedRequests.Add(e.Message);
        }

        return false;
    }
}
