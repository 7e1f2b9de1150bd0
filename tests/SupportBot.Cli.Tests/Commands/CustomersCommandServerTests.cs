using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Handoff;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.Insights.Archive;
using SupportBot.Orders;
using SupportBot.Redis;
using SupportBot.Schema;
using SupportBot.State;

namespace SupportBot.Tests.Commands;

/// <summary><c>customers forget</c> and <c>transcripts export --archive</c> against a real Redis and a SQLite archive.</summary>
public sealed class CustomersCommandServerTests : IDisposable
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();
    private readonly string _directory = Directory.CreateTempSubdirectory("supportbot-cli-archive-").FullName;
    private string ArchivePath => Path.Combine(_directory, "archive.db");

    [Fact]
    public async Task ForgettingACustomerDeletesTheirLiveAndArchivedConversationsAndSaysWhich()
    {
        using var log = Log();
        var archived = await ChatAsync(log, "cust-x", "my address changed");
        var other = await ChatAsync(log, "cust-y", "hello");
        await ArchiveAsync(log);
        var live = await ChatAsync(log, "cust-x", "still here");

        var result = await CliRunner.RunAsync("customers", "forget", "cust-x", "--redis", RedisTestServer.Configuration, "--prefix", _prefix, "--archive", ArchivePath);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("deleted 2 live and 1 archived conversation(s)", result.Output);
        Assert.Contains(archived, result.Output);
        Assert.Contains(live, result.Output);
        Assert.Null(await log.GetAsync(archived));
        Assert.Null(await log.GetAsync(live));
        var archive = new SqliteConversationArchive(ArchivePath, TimeProvider.System);
        Assert.Null(await archive.GetAsync(archived));
        Assert.NotNull(await archive.GetAsync(other));
    }

    [Fact]
    public async Task ForgettingACustomerAmongAThousandFindsEachOfTheirConversations()
    {
        // Owners are read in chunks of 256: the customer's conversations sit at a chunk's first and last place and in the partial last chunk.
        using var log = Log();
        var theirs = new List<string>();
        for (var i = 0; i < 1_030; i++)
        {
            var mine = i is 0 or 255 or 256 or 777 or 1_029;
            var id = ActivityIds.NewId();
            await log.CreateAsync(new ConversationRecord(id, mine ? "cust-many" : $"cust-{i}", null, "en", DateTimeOffset.UtcNow.AddSeconds(i - 2_000)));
            if (mine)
            {
                theirs.Add(id);
            }
        }

        await new SqliteConversationArchive(ArchivePath, TimeProvider.System).MigrateAsync();
        var result = await CliRunner.RunAsync("customers", "forget", "cust-many", "--redis", RedisTestServer.Configuration, "--prefix", _prefix, "--archive", ArchivePath);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("deleted 5 live and 0 archived conversation(s)", result.Output);
        Assert.All(theirs, id => Assert.Contains(id, result.Output));
        Assert.Equal(1_025, (await log.ListAsync(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMinutes(1))).Count);
    }

    [Fact]
    public async Task ForgettingACustomerFromTheShellAlsoDeletesTheirTicketsHandOffsAndState()
    {
        using var log = Log();
        var redis = RedisTestServer.Connect();
        var keys = new RedisKeys(_prefix);
        var tickets = new RedisTicketStore(redis, keys);
        var handoffs = new RedisHandoffStore(redis, keys, Options.Create(new HandoffOptions()));
        var state = new RedisStorage(redis, keys, Options.Create(new StateOptions()));
        var (forgotten, kept) = (await ChatAsync(log, "cust-f", "forget me"), await ChatAsync(log, "cust-k", "keep me"));
        await ArchiveAsync(log);
        foreach (var (id, user) in new[] { (forgotten, "cust-f"), (kept, "cust-k") })
        {
            await tickets.CreateAsync(new Ticket { ConversationId = id, Email = $"{user}@example.com", Message = "call me", Language = "en", CreatedAt = DateTimeOffset.UtcNow });
            await handoffs.EnqueueAsync(new HandoffRecord
            {
                ConversationId = id, Reason = "customer_request", Language = "en", Skill = "general", UserId = user, QueuedAt = DateTimeOffset.UtcNow, Stage = HandoffStage.Queued,
            });
            await state.WriteAsync(new Dictionary<string, JsonObject> { [StateKeys.User(Channels.DirectLine, user)] = new() { ["name"] = user } });
        }

        var result = await CliRunner.RunAsync("customers", "forget", "cust-f", "--redis", RedisTestServer.Configuration, "--prefix", _prefix, "--archive", ArchivePath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([kept], (await tickets.ListAsync(10, includeResolved: true)).Select(t => t.ConversationId));
        Assert.Equal([kept], (await handoffs.WaitingAsync()).Select(h => h.ConversationId));
        Assert.Equal([StateKeys.User(Channels.DirectLine, "cust-k")],
            (await state.ReadAsync([StateKeys.User(Channels.DirectLine, "cust-f"), StateKeys.User(Channels.DirectLine, "cust-k")])).Keys);
    }

    [Fact]
    public async Task TheExportReadsConversationsRedisNoLongerHasFromTheArchive()
    {
        using var log = Log();
        var gone = await ChatAsync(log, "cust-z", "where is my parcel");
        await ArchiveAsync(log);
        await log.DeleteAsync(gone); // as if its Redis copy had expired
        var output = Path.Combine(_directory, "export.jsonl");

        var without = await CliRunner.RunAsync("transcripts", "export", "--since", "2020-01-01", "--out", output, "--redis", RedisTestServer.Configuration, "--prefix", _prefix);
        var with = await CliRunner.RunAsync(
            "transcripts", "export", "--since", "2020-01-01", "--out", output, "--redis", RedisTestServer.Configuration, "--prefix", _prefix, "--archive", ArchivePath);

        Assert.Equal(1, without.ExitCode);
        Assert.Equal(0, with.ExitCode);
        Assert.Contains("where is my parcel", await File.ReadAllTextAsync(output));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private RedisConversationLog Log() => new(
        RedisTestServer.Connect(), new RedisKeys(_prefix), Options.Create(new ConversationOptions()), TimeProvider.System,
        NullLogger<RedisConversationLog>.Instance, queueForArchive: true);

    private static async Task<string> ChatAsync(RedisConversationLog log, string user, string text)
    {
        var id = Guid.NewGuid().ToString("N");
        await log.CreateAsync(new ConversationRecord(id, user, null, "en", DateTimeOffset.UtcNow));
        await log.AppendIncomingAsync(id, new Activity
        {
            Type = ActivityTypes.Message, Text = text, ChannelId = Channels.DirectLine, From = new ChannelAccount(user, null, RoleTypes.User),
            Conversation = new ConversationAccount(id),
        }, startsTurn: false);
        return id;
    }

    private async Task ArchiveAsync(RedisConversationLog log)
    {
        var archive = new SqliteConversationArchive(ArchivePath, TimeProvider.System);
        await archive.MigrateAsync();
        var writer = new ArchiveWriter(
            new RedisArchiveQueue(RedisTestServer.Connect(), new RedisKeys(_prefix), TimeProvider.System), log, archive,
            new ConversationSnapshots(new OrderNumbers(Options.Create(new OrderOptions()))), Options.Create(new ArchiveOptions { Settle = TimeSpan.Zero }), TimeProvider.System,
            NullLogger<ArchiveWriter>.Instance);
        await writer.PassAsync(default);
    }
}
