using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Builder;
using SupportBot.Conversations;
using SupportBot.Handoff;
using SupportBot.Handoff.Queue;
using SupportBot.Redis;
using SupportBot.Schema;
using SupportBot.State;
using SupportBot.Tests.Builder;

namespace SupportBot.Tests.Conversations;

/// <summary>
/// Against real Redis: a turn is handed out with the conversation state and the hand-off record it reads first, and
/// what it gets that way is what it would have read from the stores, as of the moment the turn was handed out.
/// </summary>
public sealed class RedisTurnPreloadServerTests : IDisposable
{
    private readonly RedisKeys _keys = new(RedisTestServer.UniquePrefix());
    private readonly RedisConversationLog _log;
    private readonly RedisStorage _storage;
    private readonly RedisHandoffStore _handoffs;

    public RedisTurnPreloadServerTests()
    {
        var redis = RedisTestServer.Connect();
        _log = new RedisConversationLog(redis, _keys, Options.Create(new ConversationOptions()), TimeProvider.System, NullLogger<RedisConversationLog>.Instance,
            turnStateKey: StateKeys.ForConversationId);
        _storage = new RedisStorage(redis, _keys, Options.Create(new StateOptions()));
        _handoffs = new RedisHandoffStore(redis, _keys, Options.Create(new HandoffOptions()));
    }

    public void Dispose() => _log.Dispose();

    [Fact]
    public async Task ATurnHandedOutCarriesTheStateAndHandoffRecordAsTheStoresHoldThem()
    {
        var id = await NewConversationAsync();
        var stateKey = StateKeys.Conversation(Channels.DirectLine, id);
        await _storage.WriteAsync(new Dictionary<string, JsonObject> { [stateKey] = new() { ["order"] = "ORD-10007" } });
        await _handoffs.EnqueueAsync(new HandoffRecord
        {
            ConversationId = id, Reason = HandoffReasons.CustomerRequest, Language = "en", Skill = "general", UserId = "user-1",
            QueuedAt = DateTimeOffset.UtcNow, Stage = HandoffStage.Queued,
        });
        await _log.AppendIncomingAsync(id, CustomerSays("hello"), startsTurn: true);

        var start = await _log.TryStartPendingTurnsAsync(id, "lease-1");

        var preload = start!.Turn!.Preload!;
        Assert.True(_storage.TryTakePreloaded(preload, stateKey, out var state));
        Assert.Equal((await _storage.ReadAsync([stateKey]))[stateKey].ToJsonString(), state!.ToJsonString());
        Assert.True(_handoffs.TryTakePreloaded(preload, id, out var record));
        var stored = await _handoffs.GetAsync(id);
        Assert.Equal((stored!.Stage, stored.Reason, stored.QueuedAt), (record!.Stage, record.Reason, record.QueuedAt));
    }

    [Fact]
    public async Task EachPartIsTakenOnceAndOnlyForItsOwnKey()
    {
        var id = await NewConversationAsync();
        var stateKey = StateKeys.Conversation(Channels.DirectLine, id);
        await _log.AppendIncomingAsync(id, CustomerSays("hello"), startsTurn: true);

        var preload = (await _log.TryStartPendingTurnsAsync(id, "lease-1"))!.Turn!.Preload!;

        Assert.False(_storage.TryTakePreloaded(preload, StateKeys.User(Channels.DirectLine, "user-1"), out _));
        Assert.False(_handoffs.TryTakePreloaded(preload, "another-conversation", out _));
        Assert.True(_storage.TryTakePreloaded(preload, stateKey, out var state));
        Assert.Null(state); // nothing stored yet: the turn starts afresh, as a read would say
        Assert.True(_handoffs.TryTakePreloaded(preload, id, out var record));
        Assert.Null(record);
        Assert.False(_storage.TryTakePreloaded(preload, stateKey, out _)); // a second read goes to the store
        Assert.False(_handoffs.TryTakePreloaded(preload, id, out _));
    }

    [Fact]
    public async Task TheNextTurnOfTheSameRunSeesWhatTheTurnBeforeItWrote()
    {
        var id = await NewConversationAsync();
        var stateKey = StateKeys.Conversation(Channels.DirectLine, id);
        await _log.AppendIncomingAsync(id, CustomerSays("one"), startsTurn: true);
        await _log.AppendIncomingAsync(id, CustomerSays("two"), startsTurn: true);

        var first = (await _log.TryStartPendingTurnsAsync(id, "lease-1"))!.Turn!;
        Assert.True(_storage.TryTakePreloaded(first.Preload!, stateKey, out var before));
        Assert.Null(before);
        await _storage.WriteAsync(new Dictionary<string, JsonObject> { [stateKey] = new() { ["step"] = 1 } });
        var second = await _log.NextPendingTurnAsync(id, done: first.Sequence);

        Assert.True(_storage.TryTakePreloaded(second!.Preload!, stateKey, out var after));
        Assert.Equal(1, after!["step"]!.GetValue<int>());
        Assert.Equal((await _storage.ReadAsync([stateKey]))[stateKey]["eTag"]!.GetValue<string>(), after["eTag"]!.GetValue<string>());
    }

    [Fact]
    public async Task BotStateTakesThePreloadOnceAndReadsTheStoreAfterwards()
    {
        var id = await NewConversationAsync();
        var stateKey = StateKeys.Conversation(Channels.DirectLine, id);
        await _storage.WriteAsync(new Dictionary<string, JsonObject> { [stateKey] = new() { ["step"] = 1 } });
        await _log.AppendIncomingAsync(id, CustomerSays("one"), startsTurn: true);
        var preload = (await _log.TryStartPendingTurnsAsync(id, "lease-1"))!.Turn!.Preload!;
        // Written after the hand-out: the preload is older than the store now, which only a forced read sees.
        await _storage.WriteAsync(new Dictionary<string, JsonObject> { [stateKey] = new() { ["step"] = 2 } });
        var state = new ConversationState(_storage);
        var step = state.CreateProperty<int>("step");
        var turn = new TurnContext(new TestAdapter(), new Activity
        {
            Type = ActivityTypes.Message, ChannelId = Channels.DirectLine, Conversation = new ConversationAccount(id),
        });
        turn.TurnState[TurnPreload.TurnStateKey] = preload;

        await state.LoadAsync(turn);
        Assert.Equal(1, await step.GetAsync(turn, () => 0));
        await state.LoadAsync(turn, force: true);
        Assert.Equal(2, await step.GetAsync(turn, () => 0));
    }

    private async Task<string> NewConversationAsync()
    {
        var id = ActivityIds.NewId();
        Assert.True(await _log.CreateAsync(new ConversationRecord(id, "user-1", null, "en-US", DateTimeOffset.UtcNow)));
        return id;
    }

    private static Activity CustomerSays(string text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = new ChannelAccount("user-1", null, RoleTypes.User),
    };
}
