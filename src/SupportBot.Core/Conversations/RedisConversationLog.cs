using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Redis;
using SupportBot.Schema;

namespace SupportBot.Conversations;

/// <summary>
/// Conversations in Redis: a hash of facts and a list of activity JSON each. One Lua script numbers, stamps,
/// stores and publishes an activity atomically, so every server process sees the same order and watermarks.
/// </summary>
public sealed class RedisConversationLog : IConversationLog, IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeys _keys;
    private readonly IOptions<ConversationOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<RedisConversationLog> _logger;
    private readonly RedisActivityChannels _channels;
    private readonly RedisReplicaWait? _replicaWait;

    // The append scripts put the conversation on archive:pending only when the archive is on (nothing else takes it off).
    private readonly RedisKey[] _archiveKeys;

    // The storage key of a conversation's state (in this Redis, under these keys), read with each turn handed out.
    private readonly Func<string, string>? _turnStateKey;

    /// <param name="turnStateKey">Where the bot's state is in this Redis: the storage key of a conversation's state
    /// (the server's <c>StateKeys.ForConversationId</c>). With it, each turn is handed out with that state and the
    /// conversation's hand-off record (<see cref="TurnPreload"/>); without, with neither.</param>
    public RedisConversationLog(
        IConnectionMultiplexer redis, RedisKeys keys, IOptions<ConversationOptions> options, TimeProvider clock, ILogger<RedisConversationLog> logger,
        RedisReplicaWait? replicaWait = null, bool queueForArchive = false, Func<string, string>? turnStateKey = null)
    {
        _turnStateKey = turnStateKey;
        _redis = redis;
        _replicaWait = replicaWait is { IsOn: true } ? replicaWait : null;
        _keys = keys;
        _options = options;
        _clock = clock;
        _logger = logger;
        _archiveKeys = queueForArchive ? [keys.ArchivePending] : [];
        _channels = new RedisActivityChannels(redis.GetSubscriber(), keys.ActivityAppended, logger);
    }

    private const int ListChunk = 512;

    // A conversation's record: the fields of its hash GetAsync and ListRecordsAsync read.
    private static readonly RedisValue[] RecordFields = ["user", "userName", "locale", "created"];

    private long TtlMilliseconds => (long)_options.Value.Ttl.TotalMilliseconds;

    public async Task<bool> CreateAsync(ConversationRecord conversation, CancellationToken cancellationToken = default)
    {
        var db = _redis.GetDatabase();
        var key = _keys.Conversation(conversation.Id);
        var tx = db.CreateTransaction();
        tx.AddCondition(Condition.KeyNotExists(key));
        _ = tx.HashSetAsync(key,
        [
            new("user", conversation.UserId),
            new("userName", conversation.UserName ?? ""),
            new("locale", conversation.Locale ?? ""),
            new("created", conversation.CreatedAt.ToUnixTimeMilliseconds()),
            new("seq", 0),
            new("lastTs", 0),
            new("clientIds", "inline"),
        ]);
        _ = tx.KeyExpireAsync(key, _options.Value.Ttl);
        _ = tx.SortedSetAddAsync(_keys.ConversationIndex, conversation.Id, conversation.CreatedAt.ToUnixTimeMilliseconds());
        // Entries older than any live conversation go as new ones come (a conversation lives at most Ttl after its last activity,
        // so this keeps some dead ids a while; ListAsync skips them).
        _ = tx.SortedSetRemoveRangeByScoreAsync(_keys.ConversationIndex, 0, (_clock.GetUtcNow() - _options.Value.Ttl * 4).ToUnixTimeMilliseconds());
        return await tx.ExecuteAsync();
    }

    public async Task<IReadOnlyList<string>> ListAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default) =>
        [.. (await ListRecordsAsync(from, before, cancellationToken)).Select(r => r.Id)];

    public async Task<IReadOnlyList<ConversationRecord>> ListRecordsAsync(DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var db = _redis.GetDatabase();
        var ids = await db.SortedSetRangeByScoreAsync(
            _keys.ConversationIndex, from.ToUnixTimeMilliseconds(), before.ToUnixTimeMilliseconds(), Exclude.Stop);
        // The index keeps ids for four TTLs, so it may hold hundreds of thousands: their reads go in pipelined chunks,
        // one round trip each, not one round trip an id (a privacy request over 200,000 ids took 18.6–20.9 s so). A
        // record's read also says whether the conversation is live (an expired one reads as nothing), so no EXISTS pass
        // goes before them (1.53–1.92 s with one, 1.41–1.75 s without, with 300,003 keys; bench/run-forget.sh, 2026-12-07).
        var records = new List<ConversationRecord>(ids.Length);
        foreach (var chunk in ids.Chunk(ListChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reads = Array.ConvertAll(chunk, id => db.HashGetAsync(_keys.Conversation(id!), RecordFields));
            await Task.WhenAll(reads);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (Record(chunk[i]!, reads[i].Result) is { } record)
                {
                    records.Add(record);
                }
            }
        }

        return records;
    }

    public async Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Record(conversationId, await _redis.GetDatabase().HashGetAsync(_keys.Conversation(conversationId), RecordFields));

    private static ConversationRecord? Record(string conversationId, RedisValue[] values) =>
        values[0].IsNull
            ? null
            : new ConversationRecord(
                conversationId, values[0]!, NullIfEmpty(values[1]), NullIfEmpty(values[2]), DateTimeOffset.FromUnixTimeMilliseconds((long)values[3]));

    public async Task<AppendedActivity> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        var json = SerializeUnstamped(activity);
        var db = _redis.GetDatabase();
        var result = (RedisResult[])(await RedisConversationScripts.Append.EvaluateAsync(
            db,
            [_keys.Conversation(conversationId), _keys.ActivityLog(conversationId), _keys.UndeliveredIndex, .. _archiveKeys],
            [conversationId, json, _clock.GetUtcNow().ToUnixTimeMilliseconds(), TtlMilliseconds, _keys.ActivityAppended(conversationId).ToString(),
                ChannelConversationIds.IsChannelKept(conversationId) ? RedeliveryDue() : ""]))!;
        if (_replicaWait is not null && activity.Type != ActivityTypes.Typing)
        {
            await _replicaWait.AfterWriteAsync(db);
        }

        Stamp(conversationId, activity, (long)result[0], (long)result[1]);
        return new AppendedActivity(activity.Id!, (long)result[0], Duplicate: false);
    }

    public async Task<AppendedActivity> AppendIncomingAsync(string conversationId, Activity activity, bool startsTurn, CancellationToken cancellationToken = default)
    {
        var json = SerializeUnstamped(activity);
        var db = _redis.GetDatabase();
        var result = (RedisResult[])(await RedisConversationScripts.AppendIncoming.EvaluateAsync(
            db,
            [_keys.Conversation(conversationId), _keys.ActivityLog(conversationId), _keys.PendingTurns(conversationId),
                _keys.ClientActivityIds(conversationId), _keys.PendingTurnIndex, .. _archiveKeys],
            [conversationId, json, _clock.GetUtcNow().ToUnixTimeMilliseconds(), TtlMilliseconds, _keys.ActivityAppended(conversationId).ToString(),
                startsTurn ? "1" : "0", activity.ClientActivityId ?? ""]))!;
        var sequence = (long)result[0];
        if (_replicaWait is not null && startsTurn)
        {
            // A duplicate waits too: its first POST may have failed before its WAIT came back, and this answer stands for it.
            await _replicaWait.AfterWriteAsync(db);
        }

        if ((long)result[2] == 1)
        {
            return new AppendedActivity(ActivityIds.ActivityId(conversationId, sequence), sequence, Duplicate: true);
        }

        Stamp(conversationId, activity, sequence, (long)result[1]);
        return new AppendedActivity(activity.Id!, sequence, Duplicate: false);
    }

    public async Task<PendingTurn?> NextPendingTurnAsync(
        string conversationId, long? done = null, ITurnLease? lease = null, CancellationToken cancellationToken = default)
    {
        var (turn, released) = await RunNextPendingAsync(conversationId, done is { } sequence ? sequence : "", lease?.Token ?? "", lockFor: "", holdsAppended: false);
        if (released)
        {
            lease!.ReleasedByStore();
        }

        return turn;
    }

    public async Task<PendingTurnStart?> TryStartPendingTurnsAsync(
        string conversationId, string leaseToken, bool holdsAppended = false, CancellationToken cancellationToken = default)
    {
        var (turn, released) = await RunNextPendingAsync(conversationId, "", leaseToken, (long)_options.Value.TurnLockLease.TotalMilliseconds, holdsAppended);
        return turn is { Sequence: < 0 } ? PendingTurnStart.Busy : new PendingTurnStart(true, turn, released);
    }

    // turn-next.lua: a turn with sequence -1 means the lock it was asked to take is held by another turn. A turn is
    // handed out with the conversation state and the hand-off record it reads first (TurnPreload), read in the script.
    private async Task<(PendingTurn? Turn, bool Released)> RunNextPendingAsync(
        string conversationId, RedisValue done, string token, RedisValue lockFor, bool holdsAppended)
    {
        var stateKey = _turnStateKey?.Invoke(conversationId);
        RedisKey[] keys = stateKey is null
            ? [_keys.PendingTurns(conversationId), _keys.ActivityLog(conversationId), _keys.PendingTurnIndex, _keys.TurnLock(conversationId)]
            : [_keys.PendingTurns(conversationId), _keys.ActivityLog(conversationId), _keys.PendingTurnIndex, _keys.TurnLock(conversationId),
                _keys.State(stateKey), _keys.Handoff(conversationId)];
        var turn = (RedisResult[])(await RedisConversationScripts.NextPending.EvaluateAsync(
            _redis.GetDatabase(),
            keys,
            [conversationId, done, _clock.GetUtcNow().ToUnixTimeMilliseconds(), token, lockFor, holdsAppended ? "1" : ""]))!;
        return (long)turn[0] switch
        {
            0 => (null, (long)turn[3] == 1),
            var sequence => (new PendingTurn(conversationId, sequence, (string?)turn[1] ?? "", Resumed: (long)turn[2] == 1, Preload(conversationId, stateKey, turn)), false),
        };
    }

    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    private static TurnPreload? Preload(string conversationId, string? stateKey, RedisResult[] turn)
    {
        if (stateKey is null || turn.Length < 7)
        {
            return null;
        }

        // A state is stored with both fields or not at all (state-write.lua); the hand-off hash comes as name, value, ...
        var stored = !turn[4].IsNull && !turn[5].IsNull;
        ReadOnlyMemory<byte> json = stored ? (byte[])turn[4]! : default;
        var etag = stored ? (string?)turn[5] : null;
        var handoff = (RedisResult[])turn[6]!;
        if (handoff.Length == 0)
        {
            return new TurnPreload(conversationId, stateKey, json, etag, NoFields); // the usual turn: no hand-off
        }

        var fields = new Dictionary<string, string>(handoff.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < handoff.Length; i += 2)
        {
            fields[(string)handoff[i]!] = (string)handoff[i + 1]!;
        }

        return new TurnPreload(conversationId, stateKey, json, etag, fields);
    }

    public async Task<IReadOnlyList<string>> ListPendingTurnsAsync(DateTimeOffset queuedBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        var ids = await _redis.GetDatabase().SortedSetRangeByScoreAsync(
            _keys.PendingTurnIndex, double.NegativeInfinity, queuedBefore.ToUnixTimeMilliseconds(), Exclude.Stop, take: maxCount);
        return [.. ids.Select(id => (string)id!)];
    }

    public async Task<IReadOnlyList<LoggedActivity>> ReadAsync(string conversationId, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        var items = await ReadRangeAsync(conversationId, afterSequence, maxCount);
        var result = new LoggedActivity[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            result[i] = new LoggedActivity(conversationId, afterSequence + i + 1, items[i]!);
        }

        return result;
    }

    public async Task<IReadOnlyList<LoggedUtf8Activity>> ReadUtf8Async(string conversationId, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        var items = await ReadRangeAsync(conversationId, afterSequence, maxCount);
        var result = new LoggedUtf8Activity[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            // The reply's own array: the client copied each list item out of its read buffer into one.
            result[i] = new LoggedUtf8Activity(conversationId, afterSequence + i + 1, (byte[])items[i]!);
        }

        return result;
    }

    private async Task<RedisValue[]> ReadRangeAsync(string conversationId, long afterSequence, int maxCount)
    {
        var db = _redis.GetDatabase();
        var exists = db.KeyExistsAsync(_keys.Conversation(conversationId));
        var range = db.ListRangeAsync(_keys.ActivityLog(conversationId), afterSequence, afterSequence + maxCount - 1);
        if (!await exists)
        {
            throw new ConversationNotFoundException(conversationId);
        }

        return await range;
    }

    public async Task<long> GetDeliveredAsync(string conversationId, CancellationToken cancellationToken = default) =>
        (long?)await _redis.GetDatabase().HashGetAsync(_keys.Conversation(conversationId), "delivered") ?? 0;

    public Task MarkDeliveredAsync(string conversationId, long sequence, CancellationToken cancellationToken = default) =>
        RedisConversationScripts.Delivered.EvaluateAsync(
            _redis.GetDatabase(), [_keys.Conversation(conversationId), _keys.UndeliveredIndex], [conversationId, sequence, RedeliveryDue()]);

    public async Task<int> PostponeDeliveryAsync(string conversationId, CancellationToken cancellationToken = default) =>
        (int)await RedisConversationScripts.PostponeDelivery.EvaluateAsync(
            _redis.GetDatabase(),
            [_keys.Conversation(conversationId), _keys.UndeliveredIndex],
            [conversationId, _clock.GetUtcNow().ToUnixTimeMilliseconds(), (long)_options.Value.RedeliverAfter.TotalMilliseconds,
                (long)ConversationOptions.LongestRedeliveryBackoff.TotalMilliseconds]);

    public async Task<IReadOnlyList<string>> ClaimUndeliveredAsync(int maxCount, CancellationToken cancellationToken = default)
    {
        var ids = (RedisResult[])(await RedisConversationScripts.ClaimUndelivered.EvaluateAsync(
            _redis.GetDatabase(), [_keys.UndeliveredIndex], [_clock.GetUtcNow().ToUnixTimeMilliseconds(), RedeliveryDue(), maxCount]))!;
        return [.. ids.Select(id => (string)id!)];
    }

    public async Task<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var db = _redis.GetDatabase();
        var tx = db.CreateTransaction();
        var deleted = tx.KeyDeleteAsync(
        [
            _keys.Conversation(conversationId), _keys.ActivityLog(conversationId), _keys.PendingTurns(conversationId),
            _keys.ClientActivityIds(conversationId), _keys.ConversationReference(conversationId), _keys.TurnLock(conversationId),
        ]);
        foreach (var index in (RedisKey[])[_keys.ConversationIndex, _keys.PendingTurnIndex, _keys.UndeliveredIndex, _keys.ArchivePending, _keys.ArchiveClaims])
        {
            _ = tx.SortedSetRemoveAsync(index, conversationId);
        }

        await tx.ExecuteAsync();
        return await deleted > 0;
    }

    public Task<IDisposable> SubscribeAsync(string conversationId, Action<LoggedUtf8Activity> onAppended, CancellationToken cancellationToken = default) =>
        _channels.AddAsync(conversationId, onAppended, cancellationToken);

    /// <summary>Drops this log's subscriptions (a CLI command or a test done with it; a server's go with its connection).</summary>
    public void Dispose() => _channels.Dispose();

    private long RedeliveryDue() => (_clock.GetUtcNow() + _options.Value.RedeliverAfter).ToUnixTimeMilliseconds();

    // As UTF-8, which is what Redis keeps: the script puts the id and timestamp in front of it.
    private static byte[] SerializeUnstamped(Activity activity)
    {
        activity.Id = null;
        activity.Timestamp = null;
        return JsonSerializer.SerializeToUtf8Bytes(activity, SchemaJson.Wire.Activity);
    }

    /// <summary>Gives the activity the id and timestamp the append script gave its stored copy.</summary>
    private static void Stamp(string conversationId, Activity activity, long sequence, long timestampMs)
    {
        if (sequence < 0)
        {
            throw new ConversationNotFoundException(conversationId);
        }

        activity.Id = ActivityIds.ActivityId(conversationId, sequence);
        activity.Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(timestampMs);
    }

    private static string? NullIfEmpty(RedisValue value) => value.IsNullOrEmpty ? null : (string)value!;
}
