using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.Agents;
using static SupportBot.Tests.Infrastructure.AgentTestClient;

namespace SupportBot.Tests.Maintainers;

/// <summary>
/// The whole loop on a running server with Redis: customers the bot fails, agents closing with the right intent,
/// then the maintainer CLI — export, dataset build, train, compare, promote — and the server answers those
/// customers' words correctly without a restart; rollback brings the old answers back.
/// </summary>
public sealed class RetrainingLoopServerTests : IAsyncLifetime
{
    // "zorblax" is this shop's made-up name for its extended warranty: words the shipped model has never seen.
    private static readonly (string First, string Second)[] Conversations =
    [
        ("zorblax for my kettle", "how does zorblax work"),
        ("is my zorblax still valid", "zorblax question"),
        ("zorblax cover", "zorblax and repairs"),
        ("activate zorblax", "zorblax expired?"),
    ];

    private readonly string _work = Directory.CreateTempSubdirectory("supportbot-retrain-").FullName;
    private string Serving => Path.Combine(_work, "serving", "intent-model.zip");

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_work, "serving"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "models", "intent-model.zip"), Serving);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AgentsResolutionsTeachTheNextModelAndRollbackUndoesIt()
    {
        RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        var settings = new Dictionary<string, string?>(AgentTestClient.Accounts(1))
        {
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = prefix,
            ["Handoff:Enabled"] = "true",
            ["Intents:ModelPath"] = Serving,
            ["Intents:ReloadOnChange"] = "true",
        };
        await using var app = await TestApp.StartAsync(settings);
        var cannotHelp = SupportBot.Dialogs.DialogLoader.Load(RepositoryPaths.Dialogs, SupportBot.Dialogs.DialogActions.Descriptors).Message("outOfScope", "en");
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);

        // The bot fails these customers (it reads "zorblax" as off-topic), so they ask for a person; an agent takes
        // each chat and closes it as a warranty question.
        await using (var agent = await ConnectAsync(app.BaseUrl, "agent-01"))
        {
            foreach (var (first, second) in Conversations)
            {
                var chat = await CustomerChat.StartAsync(app.Client, "en-US");
                Assert.Contains(cannotHelp, await chat.SaysAsync(first));
                Assert.Contains(cannotHelp, await chat.SaysAsync(second));
                Assert.Contains(await chat.SaysAsync("agent"), t => t.Contains("number 1", StringComparison.Ordinal));
                await agent.Hub.InvokeAsync<ChatView>("Claim", chat.Conversation.Id);
                await agent.Hub.InvokeAsync("Close", chat.Conversation.Id, "warranty", new[] { "zorblax" }, "customers call the extended warranty zorblax");
            }
        }

        var export = Path.Combine(_work, "export.jsonl");
        var exported = await Cli("transcripts", "export", "--since", since.ToString("O"), "--out", export, "--redis", RedisTestServer.Configuration, "--prefix", prefix);
        Assert.Contains("8 by agent", exported.Output);
        var lines = File.ReadAllLines(export).Select(l => JsonNode.Parse(l)!).Where(l => l["label"] is not null).ToList();
        Assert.Equal(Conversations.SelectMany(c => new[] { c.First, c.Second }).Order(), lines.Select(l => l["text"]!.GetValue<string>()).Order());
        Assert.All(lines, l => Assert.Equal(("warranty", "agent"), (l["label"]!.GetValue<string>(), l["labelSource"]!.GetValue<string>())));

        var empty = await CliRunner.RunAsync("transcripts", "export", "--since", "2020-01-01", "--until", "2020-01-02", "--out", Path.Combine(_work, "empty.jsonl"),
            "--redis", RedisTestServer.Configuration, "--prefix", prefix);
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("no customer messages", empty.Error);
        Assert.False(File.Exists(Path.Combine(_work, "empty.jsonl")));

        var dataset = Path.Combine(_work, "dataset.jsonl");
        var built = await Cli(["dataset", "build", "--base", .. ShippedData(), "--transcripts", export, "--out", dataset]);
        Assert.Contains("8 new from transcripts", built.Output);

        var candidate = Path.Combine(_work, "candidate.zip");
        await Cli("train", "--data", dataset, "--out", candidate);
        var compared = await Cli("compare", "--candidate", candidate, "--current", Serving, "--eval", Path.Combine(RepositoryPaths.Root, "models", "eval", "frozen.jsonl"));
        Assert.Contains("RECOMMENDED", compared.Output);

        var registry = Path.Combine(_work, "registry");
        await Cli("promote", "--candidate", candidate, "--registry", registry, "--serving", Serving);
        foreach (var (first, second) in Conversations)
        {
            await AnsweredAsAsync(app, first, "warranty");
            await AnsweredAsAsync(app, second, "warranty");
        }

        await Cli("rollback", "--registry", registry, "--serving", Serving);
        var before = await UntilAsync(app, Conversations[0].Second, intent => intent != "warranty");
        Assert.Equal("out_of_scope", before);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>A new customer says <paramref name="text"/>; within seconds of a promotion the server reads it as <paramref name="intent"/> and answers with that dialog.</summary>
    private static async Task AnsweredAsAsync(TestApp app, string text, string intent) =>
        Assert.Equal(intent, await UntilAsync(app, text, understood => understood == intent));

    private static async Task<string?> UntilAsync(TestApp app, string text, Func<string?, bool> done)
    {
        string? understood = null;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var conversation = await app.Client.StartAsync();
            var id = await app.Client.SayAsync(conversation, text);
            var (activities, _) = await app.Client.GetActivitiesAsync(conversation);
            var said = activities.Single(a => a["id"]!.GetValue<string>() == id);
            understood = said["entities"]?.AsArray().FirstOrDefault(e => e!["type"]!.GetValue<string>() == "supportbot/intent")?["intent"]?.GetValue<string>();
            if (done(understood))
            {
                return understood;
            }

            await Task.Delay(250);
        }

        return understood;
    }

    private static string[] ShippedData() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "models", "data"), "*.jsonl").Order(StringComparer.Ordinal)];

    private static async Task<CliRunner.Result> Cli(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"`{string.Join(' ', args.Take(2))}` exited {result.ExitCode}:\n{result.Output}\n{result.Error}");
        return result;
    }
}
