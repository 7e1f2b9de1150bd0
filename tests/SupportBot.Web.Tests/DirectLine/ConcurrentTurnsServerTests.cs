using System.Text.Json.Nodes;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.DirectLine;

/// <summary>A quick typist behind a round-robin load balancer: one conversation's turns on two processes at once.</summary>
public class ConcurrentTurnsServerTests
{
    private static readonly string[] Topics = ["payment_methods", "shipping_options", "return_policy", "contact_hours", "warranty"];

    [Fact]
    public async Task MessagesPostedToTwoProcessesAtOnceAreEachAnsweredAndTheDialogKeepsItsMemory()
    {
        RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        await using var first = await ServerProcess.StartAsync(prefix);
        await using var second = await ServerProcess.StartAsync(prefix);
        var chat = await CustomerChat.StartAsync(first.Client, "en-US");
        Assert.Contains("ORD-10007", (await chat.SaysAsync("where is my order ORD-10007")).First());

        // Twenty topic clicks fired without waiting, alternately at each process; every one changes the dialog memory.
        var posts = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second).Client.PostActivityAsync(chat.Conversation, new JsonObject
        {
            ["type"] = "message",
            ["text"] = Topics[i % Topics.Length],
            ["locale"] = "en-US",
            ["from"] = new JsonObject { ["id"] = "customer" },
            ["value"] = new JsonObject { ["supportbot"] = "topic", ["intent"] = Topics[i % Topics.Length] },
        }.ToJsonString()));
        var ids = new List<string>();
        foreach (var response in await Task.WhenAll(posts))
        {
            ids.Add((await DirectLineTestClient.ReadObjectAsync(response))["id"]!.GetValue<string>());
        }

        var lastQuestion = await second.Client.SayAsync(chat.Conversation, "where is my order?");
        var all = await chat.AllAsync();
        var botMessages = all.Where(a => a["from"]!["role"]?.GetValue<string>() == "bot" && a["type"]!.GetValue<string>() == "message").ToList();
        string[] failures = [CommonMessage("apology"), CommonMessage("sendAgain")];
        Assert.DoesNotContain(botMessages, a => failures.Contains(a["text"]!.GetValue<string>()));
        Assert.All(ids, id => Assert.Contains(botMessages, a => a["replyToId"]?.GetValue<string>() == id));
        // Had any turn reset the state, the order number would be forgotten and the bot would ask for it.
        Assert.Contains("ORD-10007", botMessages.First(a => a["replyToId"]?.GetValue<string>() == lastQuestion)["text"]!.GetValue<string>());
    }

    private static string CommonMessage(string key) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Dialogs, "common.json")))!["messages"]![key]!["en"]!.GetValue<string>();
}
