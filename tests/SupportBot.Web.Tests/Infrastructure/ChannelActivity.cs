using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SupportBot.Tests.Infrastructure;

/// <summary>Activities as a Bot Framework channel posts them to /api/messages.</summary>
public static class ChannelActivity
{
    public const string BotId = "28:supportbot-app";

    public static JsonObject Message(string serviceUrl, string conversationId, string text, string channelId = "emulator", string locale = "en-US") => new()
    {
        ["type"] = "message",
        ["id"] = "chan-" + Guid.NewGuid().ToString("N")[..12],
        ["channelId"] = channelId,
        ["serviceUrl"] = serviceUrl,
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["tenantId"] = "tenant-1" },
        ["from"] = new JsonObject { ["id"] = "29:user-" + conversationId, ["name"] = "Dana" },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "SupportBot" },
        ["text"] = text,
        ["locale"] = locale,
    };

    public static async Task<HttpResponseMessage> PostAsync(string baseUrl, JsonObject activity, string? token = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
