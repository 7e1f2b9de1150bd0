using System.Data.Common;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Handoff;
using SupportBot.Insights.Archive;
using SupportBot.Schema;

namespace SupportBot.Tests.Insights.Archive;

/// <summary>What every archive (SQLite, PostgreSQL) must do; each subclass gives a fresh, empty one.</summary>
public abstract class ArchiveContract
{
    private protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    private protected ArchiveScenes Scenes => _scenes ??= new ArchiveScenes(Clock);

    private ArchiveScenes? _scenes;

    /// <summary>A fresh archive with no schema.</summary>
    protected abstract SqlConversationArchive CreateEmpty();

    private async Task<SqlConversationArchive> CreateAsync()
    {
        var archive = CreateEmpty();
        await archive.MigrateAsync();
        return archive;
    }

    [Fact]
    public async Task MigratingAnEmptyArchiveCreatesTheTablesAndRecordsTheLatestVersion()
    {
        var archive = CreateEmpty();

        await archive.MigrateAsync();

        await using var connection = await archive.OpenConnectionAsync();
        Assert.Equal(ArchiveMigrations.All(archive.Provider)[^1].Version, await ArchiveMigrations.CurrentAsync(connection, null, default));
        foreach (var table in (string[])["conversations", "activities", "conversation_orders", "handoffs", "surveys", "feedback", "tickets"])
        {
            Assert.Equal(0L, await CountAsync(connection, $"SELECT COUNT(*) FROM {table}"));
        }
    }

    [Fact]
    public async Task AnActivityRowCarriesNoIndexButItsKeyAndTheCustomerMessages()
    {
        // Every index on activities is written for every archived row. Version 4 still had UNIQUE (conversation_id, id),
        // the primary key over again (an activity's id is its conversation and sequence), a fifth of SQLite's work a row.
        // Version 3 also had one led by the intent, which SQLite took for the history's intent filter (an EXISTS over one
        // conversation's activities) and then read every archived message of the intent for each conversation it
        // checked: 4.4 s for a page over 100,000 conversations, against 1.4 ms by the conversation's own key.
        var archive = await CreateAsync();

        await using var connection = await archive.OpenConnectionAsync();
        var indexes = archive.Provider == ArchiveProvider.Sqlite
            ? "SELECT COUNT(*) FROM pragma_index_list('activities')"
            : "SELECT COUNT(*) FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid WHERE t.relname = 'activities' AND pg_table_is_visible(t.oid)";
        Assert.Equal(2L, await CountAsync(connection, indexes));
    }

    [Fact]
    public async Task UpgradingFromVersion4KeepsEveryActivityAsATranscriptReadsIt()
    {
        // Version 5 keeps fewer columns of an activity and reads the rest from its JSON: an archive written at version 4
        // (every column) and upgraded reads like one written now, and both like the log the worker read.
        var id = await HandedOffAsync("cust-u");
        var snapshot = await Scenes.SnapshotAsync(id);
        var fresh = await CreateAsync();
        await fresh.WriteAsync(snapshot);

        var upgraded = CreateEmpty();
        await using (var connection = await upgraded.OpenConnectionAsync())
        {
            Assert.Equal(4, await ArchiveMigrations.ApplyAsync(connection, upgraded.Provider, Clock, target: 4));
            await WriteAsVersion4Async(connection, snapshot);
        }

        await upgraded.MigrateAsync();

        var (now, before) = ((await fresh.GetAsync(id))!.Activities, (await upgraded.GetAsync(id))!.Activities);
        Assert.Equal(snapshot.Activities.Select(Readable), before.Select(Readable));
        Assert.Equal(now.Select(a => a with { RawJson = [] }), before.Select(a => a with { RawJson = [] }));
        Assert.Equal(now.Select(a => System.Text.Encoding.UTF8.GetString(a.RawJson)), before.Select(a => System.Text.Encoding.UTF8.GetString(a.RawJson)));
        Assert.Contains(before, a => a is { Role: ArchiveRoles.Customer, FromId: not null, Intent: "order_status", Confidence: > 0, Language: "en" });
        Assert.Contains(before, a => a is { FromId: "agent:olga", FromName: "olga" });
        Assert.Contains(before, a => a.Name == HandoffEventNames.InitiateHandoff);
    }

    /// <summary>An archived activity as read back: everything but its JSON (compared apart) and the log's sub-millisecond part of its time, which a row never kept.</summary>
    private static ArchivedActivity Readable(ArchivedActivity a) =>
        a with { RawJson = [], Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(a.Timestamp.ToUnixTimeMilliseconds()) };

    /// <summary>The conversation's row and its activities with every column version 4 had, as its worker wrote them.</summary>
    private static async Task WriteAsVersion4Async(DbConnection connection, ConversationSnapshot snapshot)
    {
        var c = snapshot.Conversation;
        await using (var row = ArchiveSql.Command(connection, null,
            "INSERT INTO conversations (id, channel, customer_id, started_at_ms, last_activity_at_ms, customer_messages, bot_messages, agent_messages, " +
            "last_customer_unanswered, last_customer_misunderstood, handoffs, archived_seq, archived_at_ms) VALUES (@id, @channel, @customer, @started, @last, 1, 1, 2, 0, 0, 1, @seq, @last)"))
        {
            ArchiveSql.Add(row, "@id", c.Id);
            ArchiveSql.Add(row, "@channel", c.Channel);
            ArchiveSql.Add(row, "@customer", c.CustomerId);
            ArchiveSql.Add(row, "@started", c.StartedAt);
            ArchiveSql.Add(row, "@last", c.LastActivityAt);
            ArchiveSql.Add(row, "@seq", c.ArchivedSeq);
            await row.ExecuteNonQueryAsync();
        }

        const string Columns = "seq, id, timestamp_ms, role, from_id, from_name, type, name, text, intent, confidence, ambiguous, language, reply_to_id, raw_json";
        foreach (var a in snapshot.Activities)
        {
            await using var insert = ArchiveSql.Command(connection, null,
                $"INSERT INTO activities (conversation_id, {Columns}) VALUES (@conversation_id, {string.Join(", ", Columns.Split(", ").Select(n => "@" + n))})");
            object?[] values = [c.Id, a.Seq, a.Id, a.Timestamp, a.Role, a.FromId, a.FromName, a.Type, a.Name, a.Text, a.Intent, a.Confidence, a.Ambiguous,
                a.Language, a.ReplyToId, System.Text.Encoding.UTF8.GetString(a.RawJson)];
            foreach (var (name, value) in ("conversation_id, " + Columns).Split(", ").Zip(values))
            {
                ArchiveSql.Add(insert, "@" + name, value);
            }

            await insert.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task ProcessesMigratingAtOnceApplyEachVersionOnce()
    {
        var archive = CreateEmpty();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => archive.MigrateAsync())));

        await using var connection = await archive.OpenConnectionAsync();
        Assert.Equal(ArchiveMigrations.All(archive.Provider).Count, await CountAsync(connection, "SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task MigratingFromThePreviousVersionKeepsWhatTheArchiveHad()
    {
        var archive = CreateEmpty();
        var latest = ArchiveMigrations.All(archive.Provider)[^1].Version;
        await using var connection = await archive.OpenConnectionAsync();
        await ArchiveMigrations.ApplyAsync(connection, archive.Provider, Clock, latest - 1);
        await using (var marker = ArchiveSql.Command(connection, null, "CREATE TABLE kept_by_migration (id INTEGER)"))
        {
            await marker.ExecuteNonQueryAsync(); // a table no migration knows: an upgrade must not drop and rebuild
        }

        var reached = await ArchiveMigrations.ApplyAsync(connection, archive.Provider, Clock);

        Assert.Equal(latest, reached);
        Assert.Equal(0L, await CountAsync(connection, "SELECT COUNT(*) FROM kept_by_migration"));
        Assert.Equal(0L, await CountAsync(connection, "SELECT COUNT(*) FROM conversations"));
    }

    [Fact]
    public async Task WritingTheSameConversationTwiceLeavesOneRowOfEachActivityHandoffAndSurvey()
    {
        var archive = await CreateAsync();
        var id = await HandedOffAsync("cust-1");
        var snapshot = await Scenes.SnapshotAsync(id);

        await archive.WriteAsync(snapshot);
        await archive.WriteAsync(snapshot);
        await archive.WriteAsync(await Scenes.SnapshotAsync(id));

        await using var connection = await archive.OpenConnectionAsync();
        Assert.Equal(snapshot.Activities.Count, await CountAsync(connection, "SELECT COUNT(*) FROM activities"));
        Assert.Equal(1L, await CountAsync(connection, "SELECT COUNT(*) FROM handoffs"));
        Assert.Equal(1L, await CountAsync(connection, "SELECT COUNT(*) FROM surveys"));
        Assert.Equal(1L, await CountAsync(connection, "SELECT COUNT(*) FROM conversations"));
    }

    [Fact]
    public async Task EachActivitysJsonIsKeptAsTextExactlyAsLoggedInEveryScript()
    {
        var archive = await CreateAsync();
        var id = await Scenes.StartAsync("cust-1");
        string[] texts = ["ขอคืนเงินค่ะ สั่งไปแล้วยังไม่ได้ของ", "أريد استرداد أموالي 🙏", "Где мой заказ?", "a \"quoted\" line\nand a back\\slash"];
        // Five rounds, each answered: 40 activities, every field of each read back as the worker wrote it.
        for (var round = 0; round < 5; round++)
        {
            foreach (var text in texts)
            {
                await Scenes.CustomerAsync(id, text);
                await Scenes.BotAsync(id, $"reply {round}");
            }
        }

        var snapshot = await Scenes.SnapshotAsync(id);
        await archive.WriteAsync(snapshot);

        var logged = await Scenes.Log.ReadAsync(id, 0, 100);
        var archived = (await archive.GetAsync(id))!.Activities;
        Assert.True(logged.Count >= 40);
        Assert.Equal(logged.Select(a => a.Json), archived.Select(a => System.Text.Encoding.UTF8.GetString(a.RawJson)));
        Assert.Equal(snapshot.Activities.Select(Readable), archived.Select(Readable));
        // Text, not bytes: the database counts characters in it (a blob's length is its bytes) and finds words by LIKE.
        await using var connection = await archive.OpenConnectionAsync();
        foreach (var a in logged)
        {
            Assert.Equal((long)a.Json.EnumerateRunes().Count(), await CountAsync(connection, $"SELECT length(raw_json) FROM activities WHERE seq = {a.Sequence}"));
        }

        Assert.Equal(5L, await CountAsync(connection, "SELECT COUNT(*) FROM activities WHERE raw_json LIKE '%ขอคืนเงินค่ะ%'"));
    }

    [Fact]
    public async Task ManyConversationsAreReadBackAsLoggedInOneCallAndOnesItDoesNotHaveAreLeftOut()
    {
        var archive = await CreateAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = await Scenes.StartAsync($"cust-many-{i}");
            for (var turn = 0; turn <= i; turn++)
            {
                await Scenes.CustomerAsync(id, $"question {i}.{turn}");
                await Scenes.BotAsync(id, $"answer {i}.{turn}");
            }

            await archive.WriteAsync(await Scenes.SnapshotAsync(id));
            ids.Add(id);
        }

        var unarchived = await Scenes.StartAsync("cust-many-new");
        await Scenes.CustomerAsync(unarchived, "not archived yet");

        var logs = await archive.ReadLogsAsync([ids[2], unarchived, ids[0], ids[1], "no-such-conversation"]);

        Assert.Equal(ids.Order(StringComparer.Ordinal), logs.Keys.Order(StringComparer.Ordinal));
        foreach (var id in ids)
        {
            Assert.Equal(await Scenes.Log.ReadAsync(id, 0, 100), logs[id]);
        }

        Assert.Empty(await archive.ReadLogsAsync([]));
    }

    [Fact]
    public async Task AConversationWrittenAgainAfterMoreHappenedShowsTheNewPartOnce()
    {
        var archive = await CreateAsync();
        var id = await Scenes.StartAsync("cust-2");
        await Scenes.CustomerAsync(id, "where is my order?");
        await archive.WriteAsync(await Scenes.SnapshotAsync(id));
        await Scenes.BotAsync(id, "It ships tomorrow.");
        var later = await Scenes.SnapshotAsync(id);

        await archive.WriteAsync(later);

        var transcript = (await archive.GetAsync(id))!;
        Assert.Equal(["where is my order?", "It ships tomorrow."], transcript.Activities.Select(a => a.Text));
    }

    [Fact]
    public async Task AnOlderViewOfAConversationNeverTakesBackANewerOne()
    {
        var archive = await CreateAsync();
        var id = await Scenes.StartAsync("cust-3");
        await Scenes.CustomerAsync(id, "hello");
        var older = await Scenes.SnapshotAsync(id);
        await Scenes.InitiateAsync(id, HandoffReasons.CustomerRequest);
        await archive.WriteAsync(await Scenes.SnapshotAsync(id));

        await archive.WriteAsync(older); // a slow worker that read the log before the hand-off

        var transcript = (await archive.GetAsync(id))!;
        Assert.Single(transcript.Handoffs);
        Assert.Equal(2, transcript.Activities.Count);
    }

    [Fact]
    public async Task HistoryFindsConversationsByTextCustomerOrderIntentAgentRatingAndDate()
    {
        var archive = await CreateAsync();
        var handed = await HandedOffAsync("cust-a");
        Clock.Advance(TimeSpan.FromDays(2));
        var other = await Scenes.StartAsync("cust-b");
        await Scenes.CustomerAsync(other, "Мой ЗАКАЗ потерялся", intent: "lost_package");
        await Scenes.BotAsync(other, "Sorry to hear that.");
        foreach (var id in (string[])[handed, other])
        {
            await archive.WriteAsync(await Scenes.SnapshotAsync(id));
        }

        async Task<IEnumerable<string>> Find(HistoryQuery q) => (await archive.SearchAsync(q)).Conversations.Select(c => c.Id);

        Assert.Equal([other], await Find(new HistoryQuery { Text = "мой заказ" }));
        Assert.Equal([handed], await Find(new HistoryQuery { Text = "ORD-12345" }));
        Assert.Equal([handed], await Find(new HistoryQuery { Customer = "cust-a" }));
        Assert.Equal([handed], await Find(new HistoryQuery { Order = "ORD-12345" }));
        Assert.Equal([other], await Find(new HistoryQuery { Intent = "lost_package" }));
        Assert.Equal([handed], await Find(new HistoryQuery { Agent = "olga" }));
        Assert.Equal([handed], await Find(new HistoryQuery { Agent = "anna" }));
        Assert.Equal([handed], await Find(new HistoryQuery { Rating = 4 }));
        Assert.Empty(await Find(new HistoryQuery { Rating = 5 }));
        Assert.Equal([other], await Find(new HistoryQuery { From = Clock.GetUtcNow().AddHours(-1) }));
        Assert.Equal([handed], await Find(new HistoryQuery { Until = Clock.GetUtcNow().AddDays(-1) }));
        Assert.Empty(await Find(new HistoryQuery { Text = "100%" }));
    }

    [Fact]
    public async Task HistoryListsNewestFirstWithTheSummaryTheConsoleShows()
    {
        var archive = await CreateAsync();
        var first = await HandedOffAsync("cust-c");
        var second = await Scenes.StartAsync("cust-c");
        await Scenes.CustomerAsync(second, "and another thing");
        foreach (var id in (string[])[first, second])
        {
            await archive.WriteAsync(await Scenes.SnapshotAsync(id));
        }

        var page = await archive.SearchAsync(new HistoryQuery { Customer = "cust-c" });

        Assert.Equal([second, first], page.Conversations.Select(c => c.Id));
        var handed = page.Conversations[1];
        Assert.Equal(("cust-c", "Carla", "directline", "en"), (handed.Customer, handed.CustomerName, handed.Channel, handed.Language));
        Assert.Equal(["order_status"], handed.Intents);
        Assert.Equal(["anna", "olga"], handed.Agents.Order(StringComparer.Ordinal));
        Assert.Equal((HandoffReasons.CustomerRequest, 4, (int?)null), (handed.HandoffReason, handed.Rating, handed.Nps));
        Assert.Equal("where is ORD-12345?", handed.Preview);
        Assert.NotNull(handed.EndedAt);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task HistoryPagesFollowTheCursorWithoutRepeatsOrGaps()
    {
        var archive = await CreateAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = await Scenes.StartAsync("cust-p");
            await Scenes.CustomerAsync(id, $"message {i}");
            await archive.WriteAsync(await Scenes.SnapshotAsync(id));
            ids.Insert(0, id);
        }

        var seen = new List<string>();
        HistoryCursor? cursor = null;
        do
        {
            var page = await archive.SearchAsync(new HistoryQuery { Limit = 2, Before = cursor });
            seen.AddRange(page.Conversations.Select(c => c.Id));
            cursor = page.Next is { } next ? HistoryCursor.Parse(next.ToString()) : null;
        }
        while (cursor is not null);

        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task ForgettingACustomerDeletesTheirConversationsAndTicketsAndNoOneElses()
    {
        var archive = await CreateAsync();
        var theirs = await HandedOffAsync("cust-f");
        var others = await HandedOffAsync("cust-g");
        foreach (var id in (string[])[theirs, others])
        {
            await archive.WriteAsync(await Scenes.SnapshotAsync(id));
        }

        await archive.WriteTicketAsync(new ArchivedTicket("TCK-00001", theirs, "cust-f", "en", null, Clock.GetUtcNow(), null, null));

        var forgotten = await archive.ForgetCustomerAsync("cust-f");

        Assert.Equal([theirs], forgotten);
        Assert.Null(await archive.GetAsync(theirs));
        Assert.NotNull(await archive.GetAsync(others));
        await using var connection = await archive.OpenConnectionAsync();
        foreach (var table in (string[])["activities", "handoffs", "surveys", "conversation_orders"])
        {
            Assert.Equal(0L, await CountAsync(connection, $"SELECT COUNT(*) FROM {table} WHERE conversation_id = '{theirs}'"));
        }

        Assert.Equal(0L, await CountAsync(connection, "SELECT COUNT(*) FROM tickets"));
    }

    [Fact]
    public async Task RetentionDeletesConversationsWhoseLastActivityIsBeforeTheCutoff()
    {
        var archive = await CreateAsync();
        var old = await Scenes.StartAsync("cust-r");
        await Scenes.CustomerAsync(old, "long ago");
        await archive.WriteAsync(await Scenes.SnapshotAsync(old));
        Clock.Advance(TimeSpan.FromDays(30));
        var recent = await Scenes.StartAsync("cust-r");
        await Scenes.CustomerAsync(recent, "just now");
        await archive.WriteAsync(await Scenes.SnapshotAsync(recent));

        var deleted = await archive.DeleteOlderThanAsync(Clock.GetUtcNow() - TimeSpan.FromDays(10));

        Assert.Equal(1, deleted);
        Assert.Equal([recent], await archive.ListAsync(DateTimeOffset.UnixEpoch, Clock.GetUtcNow().AddDays(1)));
        await using var connection = await archive.OpenConnectionAsync();
        Assert.Equal(1L, await CountAsync(connection, "SELECT COUNT(*) FROM activities"));
    }

    [Fact]
    public async Task TicketsAreCopiedWithTheirConversationsCustomerAndAgainOnceResolved()
    {
        var archive = await CreateAsync();
        var id = await Scenes.StartAsync("cust-t");
        await Scenes.CustomerAsync(id, "nobody is there");
        await archive.WriteAsync(await Scenes.SnapshotAsync(id));
        var store = new SupportBot.Handoff.Tickets.MemoryTicketStore();
        var ticket = await store.CreateAsync(new SupportBot.Handoff.Tickets.Ticket
        {
            ConversationId = id, Email = "c@example.com", Message = "call me", Language = "en", Reason = HandoffReasons.CustomerRequest, CreatedAt = Clock.GetUtcNow(),
        });
        var tickets = new TicketArchiving(store, archive);

        await tickets.SyncAsync(default);
        await store.ResolveAsync(ticket.Id, "anna", Clock.GetUtcNow().AddHours(2));
        await tickets.SyncAsync(default);

        await using var connection = await archive.OpenConnectionAsync();
        Assert.Equal(1L, await CountAsync(connection, $"SELECT COUNT(*) FROM tickets WHERE customer_id = 'cust-t' AND closed_by = 'anna' AND closed_at_ms IS NOT NULL"));
        Assert.Equal(1L, await CountAsync(connection, "SELECT COUNT(*) FROM tickets"));
    }

    /// <summary>A hand-off picked up by anna, transferred to olga, closed with tags and rated 4 (rating, then the comment).</summary>
    private protected async Task<string> HandedOffAsync(string customer)
    {
        var id = await Scenes.StartAsync(customer, "Carla");
        await Scenes.CustomerAsync(id, "where is ORD-12345?");
        await Scenes.BotAsync(id, "Let me get a person.");
        await Scenes.InitiateAsync(id, HandoffReasons.CustomerRequest);
        await Scenes.StatusAsync(id, new HandoffStatus(HandoffStates.Accepted, "Anna", null, null, null) { AgentId = "anna" });
        await Scenes.AgentAsync(id, "anna", "Hi, I'm looking.");
        await Scenes.StatusAsync(id, new HandoffStatus(HandoffStates.Accepted, "Olga", "transferred", null, null) { AgentId = "olga" });
        await Scenes.AgentAsync(id, "olga", "Found it.");
        await Scenes.StatusAsync(id, new HandoffStatus(HandoffStates.Completed, "Olga", HandoffStatus.Closed, "order_status", null) { AgentId = "olga", Tags = ["late"] });
        await Scenes.SurveyAsync(id, 4);
        await Scenes.SurveyAsync(id, 4, "quick, thanks");
        return id;
    }

    private protected static async Task<long> CountAsync(DbConnection connection, string sql)
    {
        await using var command = ArchiveSql.Command(connection, null, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
