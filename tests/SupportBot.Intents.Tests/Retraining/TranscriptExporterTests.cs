using System.Reflection;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Handoff.Queue;
using SupportBot.Insights.Archive;
using SupportBot.Intents;
using SupportBot.Orders;
using SupportBot.Retraining;
using SupportBot.Schema;

namespace SupportBot.Tests.Retraining;

/// <summary>Which utterances an export labels, from what, and what it leaves out or hides.</summary>
public sealed class TranscriptExporterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly MemoryConversationLog _log = new();
    private readonly MemoryHandoffStore _handoffs = new();

    [Fact]
    public async Task AnAgentsResolutionLabelsTheMessagesTheBotFailedOnButNotTheRequestForAPerson()
    {
        var id = await ConversationAsync();
        await SayAsync(id, "where is my order", "order_status");
        var first = await SayAsync(id, "zorblax cover", IntentNames.OutOfScope);
        var second = await SayAsync(id, "zorblax claim", IntentNames.OutOfScope);
        var human = await SayAsync(id, "agent", "talk_to_human");
        await EscalateAsync(id, human, "warranty");

        var lines = await ExportAsync();

        Assert.Equal(
            [("where is my order", null, null), ("zorblax cover", "warranty", "agent"), ("zorblax claim", "warranty", "agent"), ("agent", null, null)],
            lines.Select(l => (l.Text, l.Label, l.LabelSource)));
        Assert.NotEqual(second, first);
    }

    [Fact]
    public async Task AnAgentWhoTakesTheChatWithinTheLogsLastMillisecondsStillLabelsIt()
    {
        // The log stamps a turn's activities a millisecond apart each, so its handoff.initiate can carry a time a few
        // ms after an agent's claim that really came later (or that another server's clock stamped).
        var id = await ConversationAsync();
        var failed = await SayAsync(id, "zorblax cover", IntentNames.OutOfScope);
        var human = await SayAsync(id, "agent", "talk_to_human");
        await EscalateAsync(id, human, "warranty", claimed: TimeSpan.FromMilliseconds(-0.5));

        var lines = await ExportAsync();

        Assert.Equal([("zorblax cover", "warranty", "agent"), ("agent", null, null)], lines.Select(l => (l.Text, l.Label, l.LabelSource)));
        Assert.NotEqual(failed, human);
    }

    [Fact]
    public async Task TwoHandoffsInOneConversationEachLabelTheMessagesBeforeTheirOwn()
    {
        var id = await ConversationAsync();
        await SayAsync(id, "zorblax cover", IntentNames.OutOfScope);
        await EscalateAsync(id, await SayAsync(id, "agent", "talk_to_human"), "warranty");
        await SayAsync(id, "frobnicate my parcel", IntentNames.OutOfScope);
        await EscalateAsync(id, await SayAsync(id, "a person please", "talk_to_human"), "order_status");

        var lines = await ExportAsync();

        Assert.Equal(
            [("zorblax cover", "warranty"), ("agent", null), ("frobnicate my parcel", "order_status"), ("a person please", null)],
            lines.Select(l => (l.Text, l.Label)));
    }

    [Fact]
    public async Task AnAgentsResolutionStillLabelsOnceTheDeskNoLongerKeepsTheHandoffsRecord()
    {
        // Handoff:RecordRetention (90 days) is shorter than the archive's year: an export of older months finds no
        // record, and takes the resolution from the desk's handoff.status event in the conversation's own log.
        var id = await ConversationAsync();
        await SayAsync(id, "zorblax cover", IntentNames.OutOfScope);
        await LogEscalationAsync(id, await SayAsync(id, "agent", "talk_to_human"), HandoffStatus.Returned, null);
        await SayAsync(id, "frobnicate my parcel", IntentNames.OutOfScope);
        await LogEscalationAsync(id, await SayAsync(id, "a person please", "talk_to_human"), HandoffStatus.Closed, "order_status");

        var lines = await ExportAsync();

        Assert.Equal(
            [("zorblax cover", null, null), ("agent", null, null), ("frobnicate my parcel", "order_status", "agent"), ("a person please", null, null)],
            lines.Select(l => (l.Text, l.Label, l.LabelSource)));
    }

    [Fact]
    public async Task ConversationsTheLogHasLetExpireAreReadFromTheArchiveEachOnceWithTheirLabels()
    {
        var directory = Directory.CreateTempSubdirectory("supportbot-export-");
        try
        {
            var archive = new SqliteConversationArchive(Path.Combine(directory.FullName, "archive.db"), TimeProvider.System);
            await archive.MigrateAsync();
            var snapshots = new ConversationSnapshots(new OrderNumbers(Options.Create(new OrderOptions())));
            var ids = new List<string>();
            for (var i = 0; i < 300; i++) // more than one of the export's reads from the archive
            {
                var id = await ConversationAsync();
                await SayAsync(id, $"message {i}", i == 299 ? IntentNames.OutOfScope : "order_status");
                if (i == 299)
                {
                    await LogEscalationAsync(id, await SayAsync(id, "agent", "talk_to_human"), HandoffStatus.Closed, "warranty");
                }

                await archive.WriteAsync(snapshots.From((await _log.GetAsync(id))!, await ((IConversationLog)_log).ReadUtf8Async(id, 0, 100)));
                ids.Add(id);
            }

            for (var i = 0; i < ids.Count; i++)
            {
                if (i % 3 != 0)
                {
                    await _log.DeleteAsync(ids[i]); // two in three expired from the log; the rest live there and archived
                }
            }

            var lines = await ExportAsync(archive: archive);

            Assert.Equal([.. Enumerable.Range(0, 300).Select(i => $"message {i}").Append("agent").Order()], lines.Select(l => l.Text).Order());
            Assert.Equal(("warranty", "agent"), lines.Where(l => l.Text == "message 299").Select(l => (l.Label, l.LabelSource)).Single());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AConversationThatExpiresBetweenTheListingAndItsReadIsTakenFromTheArchiveOrLeftOut(bool withArchive)
    {
        var directory = Directory.CreateTempSubdirectory("supportbot-export-");
        try
        {
            var archive = new SqliteConversationArchive(Path.Combine(directory.FullName, "archive.db"), TimeProvider.System);
            await archive.MigrateAsync();
            var snapshots = new ConversationSnapshots(new OrderNumbers(Options.Create(new OrderOptions())));
            var stays = await ConversationAsync();
            await SayAsync(stays, "still here", "order_status");
            var archived = await ConversationAsync();
            await SayAsync(archived, "archived, then expired", "refund");
            await archive.WriteAsync(snapshots.From((await _log.GetAsync(archived))!, await ((IConversationLog)_log).ReadUtf8Async(archived, 0, 100)));
            var lost = await ConversationAsync();
            await SayAsync(lost, "expired before the archive had it", "refund");

            // The log lists all three, then lets the last two expire before the export reads them.
            var log = ExpiresOnceListed.Over(_log, [archived, lost]);
            var exporter = new TranscriptExporter(log, _handoffs, redactor: null, "salt", withArchive ? archive : null);
            var lines = new List<ExportedUtterance>();
            var summary = await exporter.ExportAsync(Start, DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.FromDays(7), lines.Add, null, CancellationToken.None);

            Assert.Equal(
                withArchive ? ["archived, then expired", "still here"] : ["still here"],
                lines.Select(l => l.Text).Order());
            Assert.Equal(3, summary.Conversations);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AMessageWhoseClassificationCannotBeReadIsExportedWithoutOne()
    {
        var id = await ConversationAsync();
        var odd = Customer("hello there");
        odd.Entities = [new Entity
        {
            Type = IntentEntity.Type,
            Properties = new() { ["intent"] = JsonSerializer.SerializeToElement("greeting"), ["confidence"] = JsonSerializer.SerializeToElement("high") },
        }];
        await _log.AppendAsync(id, odd);
        await SayAsync(id, "where is my order", "order_status");

        var lines = await ExportAsync();

        Assert.Equal([("hello there", null), ("where is my order", "order_status")], lines.Select(l => (l.Text, l.Predicted)));
    }

    [Fact]
    public async Task ADidYouMeanChoiceAndAThatHelpedAnswerLabelTheirMessages()
    {
        var id = await ConversationAsync();
        var unsure = await SayAsync(id, "money back?", "refund_status", ambiguous: true);
        await EventAsync(id, DialogValues.IntentChosenEvent, new { utteranceId = unsure, intent = "return_policy" });
        var answered = await SayAsync(id, "can I pay by card", "payment_methods");
        await EventAsync(id, DialogValues.FeedbackEvent, new { utteranceId = answered, intent = "payment_methods", helped = true });
        var unhelped = await SayAsync(id, "the thing with the box", "damaged_item");
        await EventAsync(id, DialogValues.FeedbackEvent, new { utteranceId = unhelped, intent = "damaged_item", helped = false });

        var lines = await ExportAsync();

        Assert.Equal(
            [("return_policy", "choice"), ("payment_methods", "helped"), (null, null)],
            lines.Select(l => (l.Label, l.LabelSource)));
        Assert.Equal(("refund_status", true), (lines[0].Predicted, lines[0].Ambiguous));
    }

    [Fact]
    public async Task TextIsRedactedConversationIdsHashedAndButtonClicksLeftOut()
    {
        var id = await ConversationAsync();
        await SayAsync(id, "mail me at sam@example.com about ORD-10002", "order_status");
        var click = Customer("Order status");
        click.Value = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["supportbot"] = "topic", ["intent"] = "order_status" });
        await _log.AppendAsync(id, click);

        var line = Assert.Single(await ExportAsync());

        Assert.Equal("mail me at [EMAIL] about ORD-[ORDER]", line.Text);
        Assert.DoesNotContain(id, line.Conversation + line.Utterance);
        Assert.Equal(PiiRedactor.HashId(id, "salt"), line.Conversation);
    }

    [Fact]
    public async Task OnlyUtterancesInsideTheWindowAreExported()
    {
        var id = await ConversationAsync();
        await SayAsync(id, "hello", "greeting");

        Assert.Empty(await ExportAsync(since: DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    private async Task<List<ExportedUtterance>> ExportAsync(DateTimeOffset? since = null, IConversationArchive? archive = null)
    {
        var exporter = new TranscriptExporter(_log, _handoffs, new PiiRedactor(Options.Create(new OrderOptions())), "salt", archive);
        var lines = new List<ExportedUtterance>();
        await exporter.ExportAsync(since ?? Start, DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.FromDays(7), lines.Add, null, CancellationToken.None);
        return lines;
    }

    private async Task<string> ConversationAsync()
    {
        var id = ActivityIds.NewId();
        await _log.CreateAsync(new ConversationRecord(id, "user-1", null, "en-US", DateTimeOffset.UtcNow));
        return id;
    }

    private async Task<string> SayAsync(string id, string text, string intent, bool ambiguous = false)
    {
        var activity = Customer(text);
        IntentEntity.Attach(activity, new IntentResult(intent, ambiguous ? 0.4f : 0.9f, ambiguous, "en", [new(intent, 0.9f)], "model-1"));
        return (await _log.AppendAsync(id, activity)).Id;
    }

    private async Task EventAsync(string id, string name, object value) =>
        await _log.AppendAsync(id, new Activity { Type = ActivityTypes.Event, Name = name, Value = JsonSerializer.SerializeToElement(value), From = new ChannelAccount("bot", role: RoleTypes.Bot) });

    /// <param name="claimed">When an agent took the chat, from the time the log gave its handoff.initiate event.</param>
    private async Task EscalateAsync(string id, string escalatingId, string resolvedAs, TimeSpan? claimed = null)
    {
        var initiate = new Activity
        {
            Type = ActivityTypes.Event, Name = HandoffEventNames.InitiateHandoff, ReplyToId = escalatingId, From = new ChannelAccount("bot", role: RoleTypes.Bot),
        };
        await _log.AppendAsync(id, initiate);
        var at = initiate.Timestamp!.Value;
        await _handoffs.EnqueueAsync(new HandoffRecord
        {
            ConversationId = id, Reason = HandoffReasons.CustomerRequest, Language = "en", Skill = "general", UserId = "user-1",
            QueuedAt = at.AddMilliseconds(-1), Stage = HandoffStage.Queued,
        });
        await _handoffs.ClaimAsync(id, "anna", "Anna", 3, at + (claimed ?? TimeSpan.FromSeconds(5)));
        await _handoffs.EndAsync(id, "anna", HandoffStage.Closed, new HandoffResolution(resolvedAs, [], null), at.AddMinutes(3));
    }

    /// <summary>A hand-off as the log tells it, with no record in the desk's store: initiated, taken, then ended.</summary>
    private async Task LogEscalationAsync(string id, string escalatingId, string outcome, string? resolvedAs)
    {
        await _log.AppendAsync(id, new Activity
        {
            Type = ActivityTypes.Event, Name = HandoffEventNames.InitiateHandoff, ReplyToId = escalatingId, From = new ChannelAccount("bot", role: RoleTypes.Bot),
        });
        await _log.AppendAsync(id, new HandoffStatus(HandoffStates.Accepted, "Anna", null, null, null) { AgentId = "anna" }.ToActivity());
        await _log.AppendAsync(id, new HandoffStatus(HandoffStates.Completed, "Anna", outcome, resolvedAs, null) { AgentId = "anna" }.ToActivity());
    }

    private static Activity Customer(string text) => new()
    {
        Type = ActivityTypes.Message, Text = text, From = new ChannelAccount("user-1", role: RoleTypes.User),
    };

    /// <summary>A conversation log whose listing is followed by the expiry of some of the conversations it listed.</summary>
    public class ExpiresOnceListed : DispatchProxy
    {
        private MemoryConversationLog _inner = null!;
        private IReadOnlyList<string> _expiring = [];

        public static IConversationLog Over(MemoryConversationLog inner, IReadOnlyList<string> expiring)
        {
            var log = Create<IConversationLog, ExpiresOnceListed>();
            var proxy = (ExpiresOnceListed)(object)log;
            (proxy._inner, proxy._expiring) = (inner, expiring);
            return log;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            var result = method!.Invoke(_inner, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null);
            if (method.Name == nameof(IConversationLog.ListAsync))
            {
                ((Task)result!).GetAwaiter().GetResult();
                foreach (var id in _expiring)
                {
                    _inner.DeleteAsync(id).GetAwaiter().GetResult();
                }
            }

            return result;
        }
    }
}
