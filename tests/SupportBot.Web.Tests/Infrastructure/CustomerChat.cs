using System.Text.Json.Nodes;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// A customer in one conversation, for tests written as transcripts: each message or button click returns what
/// the bot sent back in that turn (the POST returns once the turn is over, so nothing arrives later).
/// </summary>
public sealed class CustomerChat(DirectLineTestClient client, DirectLineTestClient.Conversation conversation, string locale)
{
    private string _watermark = "";

    public DirectLineTestClient.Conversation Conversation => conversation;

    /// <summary>The bot's first activity in the last turn was a typing indicator.</summary>
    public bool ShowedTypingFirst { get; private set; }

    /// <summary>The bot's messages and events of the last turn.</summary>
    public List<JsonObject> Last { get; private set; } = [];

    public static async Task<CustomerChat> StartAsync(DirectLineTestClient client, string locale, string? userId = null)
    {
        var chat = new CustomerChat(client, await client.StartAsync(locale, userId), locale);
        await chat.ReadAsync(); // the welcome
        return chat;
    }

    /// <summary>The same customer and conversation, talking to another server (process) from where this one left off.</summary>
    public CustomerChat Via(DirectLineTestClient other) => new(other, conversation, locale) { _watermark = _watermark };

    public IEnumerable<string> Texts => Last.Where(a => a["type"]!.GetValue<string>() == "message").Select(a => a["text"]!.GetValue<string>());

    public async Task<List<string>> SaysAsync(string text)
    {
        await PostAsync(new JsonObject { ["type"] = "message", ["text"] = text });
        return [.. Texts];
    }

    /// <summary>Clicks a button of the bot's last message with buttons, as Web Chat sends a messageBack.</summary>
    public async Task<List<string>> ClicksAsync(string title)
    {
        var button = Last.Concat(_previous).Reverse()
            .SelectMany(a => a["suggestedActions"]?["actions"]?.AsArray() ?? [])
            .FirstOrDefault(b => b!["title"]!.GetValue<string>() == title)
            ?? throw new Xunit.Sdk.XunitException($"No button \"{title}\" in: {string.Join(" / ", Texts)}");
        await PostAsync(new JsonObject
        {
            ["type"] = "message",
            ["text"] = button["text"]!.GetValue<string>(),
            ["value"] = button["value"]!.DeepClone(),
            ["channelData"] = new JsonObject { ["messageBack"] = new JsonObject { ["displayText"] = button["displayText"]!.GetValue<string>() } },
        });
        return [.. Texts];
    }

    /// <summary>Clicks a topic button (one the bot offers under its welcome and elsewhere) for <paramref name="intent"/>.</summary>
    public async Task<List<string>> ClicksTopicAsync(string intent, string title)
    {
        await PostAsync(new JsonObject
        {
            ["type"] = "message",
            ["text"] = title,
            ["value"] = new JsonObject { ["supportbot"] = "topic", ["intent"] = intent },
        });
        return [.. Texts];
    }

    /// <summary>Button titles under the bot's messages of the last turn.</summary>
    public List<string> Buttons => [.. Last.SelectMany(a => a["suggestedActions"]?["actions"]?.AsArray() ?? []).Select(b => b!["title"]!.GetValue<string>())];

    public IEnumerable<JsonObject> Events(string name) => Last.Where(a => a["type"]!.GetValue<string>() == "event" && a["name"]?.GetValue<string>() == name);

    /// <summary>
    /// Waits for an activity that did not come as the answer to a message: an agent's message, a queue update.
    /// Returns it; everything up to it counts as read.
    /// </summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var (activities, _) = await client.GetActivitiesAsync(conversation, _watermark);
            if (activities.FirstOrDefault(match) is { } found)
            {
                _watermark = found["id"]!.GetValue<string>().Split('|')[1].TrimStart('0');
                _previous = Last;
                Last = [found];
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"The customer never saw {what}.");
    }

    /// <summary>Every activity of the conversation so far, as the customer's own token reads it.</summary>
    public async Task<List<JsonObject>> AllAsync()
    {
        var all = new List<JsonObject>();
        var watermark = "";
        while (true)
        {
            var (activities, next) = await client.GetActivitiesAsync(conversation, watermark);
            if (activities.Count == 0)
            {
                return all;
            }

            all.AddRange(activities);
            watermark = next;
        }
    }

    private List<JsonObject> _previous = [];

    private async Task PostAsync(JsonObject activity)
    {
        activity["locale"] = locale;
        activity["from"] = new JsonObject { ["id"] = "customer" };
        var response = await client.PostActivityAsync(conversation, activity.ToJsonString());
        Assert.True(response.IsSuccessStatusCode, $"posting failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        _previous = Last;
        await ReadAsync();
    }

    private async Task ReadAsync()
    {
        var (activities, watermark) = await client.GetActivitiesAsync(conversation, _watermark);
        _watermark = watermark;
        var fromBot = activities.Where(a => a["from"]!["role"]?.GetValue<string>() == "bot").ToList();
        ShowedTypingFirst = fromBot.FirstOrDefault()?["type"]!.GetValue<string>() == "typing";
        Last = [.. fromBot.Where(a => a["type"]!.GetValue<string>() != "typing")];
    }
}
