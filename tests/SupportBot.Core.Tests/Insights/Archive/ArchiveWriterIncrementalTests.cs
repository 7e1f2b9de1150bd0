using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Conversations;
using SupportBot.Handoff;
using SupportBot.Insights.Archive;
using SupportBot.Schema;

namespace SupportBot.Tests.Insights.Archive;

/// <summary>The worker copies only what is past the archived mark, and that adds up to the same rows as one copy of the whole log.</summary>
public sealed class ArchiveWriterIncrementalTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("supportbot-archive-").FullName;
    private readonly ArchiveScenes _scenes;
    private readonly SqliteConversationArchive _stepwise;
    private readonly SqliteConversationArchive _whole;

    public ArchiveWriterIncrementalTests()
    {
        _scenes = new ArchiveScenes(_clock);
        _stepwise = new SqliteConversationArchive(Path.Combine(_directory, "stepwise.db"), _clock, busySeconds: 1);
        _whole = new SqliteConversationArchive(Path.Combine(_directory, "whole.db"), _clock, busySeconds: 1);
    }

    public async ValueTask InitializeAsync()
    {
        await _stepwise.MigrateAsync();
        await _whole.MigrateAsync();
    }

    [Fact]
    public async Task CopyingAfterEveryStepGivesTheSameArchiveAsOneCopyOfTheWholeConversation()
    {
        var id = await _scenes.StartAsync("cust-1", "Dana");
        foreach (var step in Steps(id))
        {
            await step();
            Assert.Equal(1, await Writer(_stepwise).PassAsync(default));
        }

        await AssertSameAsOneWholeCopyAsync(id);
    }

    [Fact]
    public async Task ALongConversationIsCopiedInPartsOfAtMostTheHeldActivitiesInOnePassAndAddsUpToTheWholeCopy()
    {
        var id = await _scenes.StartAsync("cust-1", "Dana");
        foreach (var step in Steps(id))
        {
            await step();
        }

        var reads = ReadCounting.Wrap(_scenes.Log);
        var writer = new ArchiveWriter(
            _scenes.Log, (IConversationLog)(object)reads, _stepwise, _scenes.Snapshots,
            Options.Create(new ArchiveOptions { Settle = TimeSpan.Zero, ActivitiesPerSecond = 0 }), _clock, NullLogger<ArchiveWriter>.Instance,
            heldActivities: 3);

        Assert.Equal(1, await writer.PassAsync(default)); // one conversation, whole, in one pass

        // 16 activities: five parts of 3, then the last one; each read asks for one more, to see whether the log goes on.
        Assert.Equal([0L, 3, 6, 9, 12, 15], reads.After);
        Assert.All(reads.Asked, asked => Assert.Equal(4, asked));
        Assert.Empty(await _scenes.Log.ClaimAsync(10, ArchiveWriter.Hold, TimeSpan.Zero)); // nothing left queued
        await AssertSameAsOneWholeCopyAsync(id);
    }

    /// <summary>What <see cref="_stepwise"/> holds is row for row what one copy of the whole log writes, and not by being empty.</summary>
    private async Task AssertSameAsOneWholeCopyAsync(string id)
    {
        var record = (await _scenes.Log.GetAsync(id))!;
        Assert.True(await _whole.WriteAsync(_scenes.Snapshots.From(record, await ((IConversationLog)_scenes.Log).ReadUtf8Async(id, 0, 10_000))));
        var stepwise = await DumpAsync(_stepwise);
        Assert.Equal(await DumpAsync(_whole), stepwise);
        // 16 activities, 2 hand-offs, the survey's last answer, 1 answer, 2 order numbers.
        Assert.Equal((1, 16, 2, 1, 1, 2), (Count("conversations"), Count("activities"), Count("handoffs"), Count("surveys"), Count("feedback"), Count("conversation_orders")));

        int Count(string table) => stepwise.Count(line => line.StartsWith(table + "|", StringComparison.Ordinal));
    }

    /// <summary>A conversation with something of everything the archive keeps: 16 activities, one a step.</summary>
    private List<Func<Task>> Steps(string id) =>
        [
            () => _scenes.CustomerAsync(id, "where is order #54321?"),
            () => _scenes.BotAsync(id, "It ships tomorrow."),
            () => _scenes.FeedbackAsync(id, "order_status", helped: false),
            () => _scenes.CustomerAsync(id, "blah", "out_of_scope", 0.3f),
            () => _scenes.InitiateAsync(id, HandoffReasons.CustomerRequest),
            () => _scenes.StatusAsync(id, new HandoffStatus(HandoffStates.Accepted, "Anna", null, null, null) { AgentId = "anna" }),
            () => _scenes.AgentAsync(id, "anna", "Let me look."),
            () => _scenes.StatusAsync(id, new HandoffStatus(HandoffStates.Accepted, "Olga", "transferred", null, null) { AgentId = "olga" }),
            () => _scenes.AgentAsync(id, "olga", "Found it."),
            () => _scenes.StatusAsync(id, new HandoffStatus(HandoffStates.Completed, "Olga", HandoffStatus.Closed, "refund", null) { AgentId = "olga", Tags = ["vip"] }),
            () => _scenes.SurveyAsync(id, 2),
            () => _scenes.SurveyAsync(id, 5, "changed my mind"),
            () => _scenes.CustomerAsync(id, "and order #77777?", "order_status", 0.8f, ambiguous: true, language: "ru"),
            () => _scenes.InitiateAsync(id, HandoffReasons.LowConfidence),
            () => _scenes.EventAsync(id, SupportBot.Dialogs.DialogValues.LeftQueueEvent, new { }),
            () => _scenes.BotAsync(id, "Anything else?"),
        ];

    [Fact]
    public async Task TheBotsFirstResponseIsSetWhenItsReplyIsCopiedAPassAfterTheCustomersMessage()
    {
        var id = await _scenes.StartAsync("cust-3");
        await _scenes.BotAsync(id, "Welcome");
        await _scenes.CustomerAsync(id, "where is my order?");
        await Writer(_stepwise).PassAsync(default);
        Assert.Null(await FirstResponseMsAsync());

        await _scenes.BotAsync(id, "It ships tomorrow."); // each step is 10 s after the one before
        await Writer(_stepwise).PassAsync(default);
        await _scenes.CustomerAsync(id, "thanks");
        await _scenes.BotAsync(id, "You are welcome.");
        await Writer(_stepwise).PassAsync(default);

        Assert.Equal(10_000L, await FirstResponseMsAsync());

        async Task<long?> FirstResponseMsAsync()
        {
            await using var connection = await _stepwise.OpenConnectionAsync();
            await using var command = ArchiveSql.Command(connection, null, "SELECT bot_first_response_ms FROM conversations");
            return await command.ExecuteScalarAsync() is long ms ? ms : null;
        }
    }

    [Fact]
    public async Task ACopyReadsTheLogOnlyAfterWhatTheArchiveAlreadyHas()
    {
        var id = await _scenes.StartAsync("cust-2");
        for (var i = 0; i < 30; i++)
        {
            await _scenes.CustomerAsync(id, $"message {i}");
            await _scenes.BotAsync(id, $"reply {i}");
        }

        await Writer(_stepwise).PassAsync(default);
        await _scenes.CustomerAsync(id, "one more");
        var reads = ReadCounting.Wrap(_scenes.Log);

        await Writer(_stepwise, (IConversationLog)(object)reads).PassAsync(default);

        Assert.Equal([60L], reads.After);
        Assert.Equal(61, (await _stepwise.GetAsync(id))!.Activities.Count);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private ArchiveWriter Writer(IConversationArchive archive, IConversationLog? log = null) => new(
        _scenes.Log, log ?? _scenes.Log, archive, _scenes.Snapshots, Options.Create(new ArchiveOptions { Settle = TimeSpan.Zero, ActivitiesPerSecond = 0 }), _clock,
        NullLogger<ArchiveWriter>.Instance);

    /// <summary>Every row of every conversation table but the write times, one line each, in a fixed order.</summary>
    private static async Task<List<string>> DumpAsync(SqliteConversationArchive archive)
    {
        var lines = new List<string>();
        await using var connection = await archive.OpenConnectionAsync();
        foreach (var table in (string[])["conversations", "activities", "handoffs", "surveys", "feedback", "conversation_orders"])
        {
            await using var command = ArchiveSql.Command(connection, null, $"SELECT * FROM {table} ORDER BY 1, 2");
            await using var r = await command.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                var cells = Enumerable.Range(0, r.FieldCount).Where(i => r.GetName(i) != "archived_at_ms").Select(i => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                lines.Add(table + "|" + string.Join("|", cells));
            }
        }

        return lines;
    }

    /// <summary>The log, noting the sequence each read of activities starts after and how many it asks for.</summary>
    public class ReadCounting : DispatchProxy
    {
        private IConversationLog _inner = null!;

        public List<long> After { get; } = [];

        public List<int> Asked { get; } = [];

        public static ReadCounting Wrap(IConversationLog inner)
        {
            var proxy = Create<IConversationLog, ReadCounting>();
            var counting = (ReadCounting)(object)proxy;
            counting._inner = inner;
            return counting;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name is nameof(IConversationLog.ReadAsync) or nameof(IConversationLog.ReadUtf8Async))
            {
                After.Add((long)args![1]!);
                Asked.Add((int)args[2]!);
            }

            return targetMethod.Invoke(_inner, args);
        }
    }
}
