using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Conversations;
using SupportBot.Redis;

namespace SupportBot.Handoff.Queue;

/// <summary>
/// The hand-off queue in Redis. Every change of owner is one Lua script that checks stage, owner and capacity and
/// then updates the record's hash, the waiting set and the agents' sets together, so it is atomic across server
/// processes. The waiting set, the ended history and the agents' sets are global keys beside a conversation's
/// hash-tagged one: fine on a single Redis (with or without replicas), not on Redis Cluster, where one script's
/// keys must share a slot. Notes belong to the conversation and outlive a hand-off, so an agent taking a later
/// escalation sees what the last one wrote. A requeue answers <see cref="ClaimOutcome.Claimed"/> when done (the
/// only success value) and clears the announced position, so the customer is told their place again.
/// </summary>
public sealed class RedisHandoffStore(IConnectionMultiplexer redis, RedisKeys keys, IOptions<HandoffOptions> options) : IHandoffStore
{
    // The scripts are Redis/Scripts/handoff-*.lua. Stage names in them are HandoffStage member names; the numbers
    // they return are ClaimOutcome values, put in front of the scripts that return them.
    private static readonly string Outcomes = string.Create(CultureInfo.InvariantCulture,
        $"local CLAIMED, TAKEN, AT_CAPACITY, NOT_FOUND, NOT_OWNER = {(int)ClaimOutcome.Claimed}, {(int)ClaimOutcome.Taken}, {(int)ClaimOutcome.AtCapacity}, {(int)ClaimOutcome.NotFound}, {(int)ClaimOutcome.NotOwner}\n");

    private static readonly LuaScript EnqueueScript = RedisScripts.Load("handoff-enqueue");
    private static readonly LuaScript ClaimScript = RedisScripts.Load("handoff-claim", Outcomes);
    private static readonly LuaScript TransferScript = RedisScripts.Load("handoff-transfer", Outcomes);
    private static readonly LuaScript RequeueScript = RedisScripts.Load("handoff-requeue", Outcomes);
    private static readonly LuaScript EndScript = RedisScripts.Load("handoff-end");
    private static readonly LuaScript SurveyScript = RedisScripts.Load("handoff-survey");
    private static readonly LuaScript PositionScript = RedisScripts.Load("handoff-position");

    // The parts of a record that change after it is queued live in hash fields of their own, where the scripts
    // change them; the "record" field holds the rest, never a stale copy of these.
    private static readonly HashSet<string> HashFieldProperties =
    [
        nameof(HandoffRecord.Stage), nameof(HandoffRecord.AgentId), nameof(HandoffRecord.AgentName), nameof(HandoffRecord.ClaimedAt),
        nameof(HandoffRecord.EndedAt), nameof(HandoffRecord.Resolution), nameof(HandoffRecord.Survey), nameof(HandoffRecord.AnnouncedPosition),
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        IgnoreReadOnlyProperties = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutHashFields } },
    };

    private long RetentionMs => (long)options.Value.RecordRetention.TotalMilliseconds;

    public async Task<bool> EnqueueAsync(HandoffRecord record, CancellationToken cancellationToken = default)
    {
        record = Queued(record);
        List<RedisValue> args = [record.ConversationId, WaitingScore(record), RetentionMs];
        args.AddRange(["record", JsonSerializer.Serialize(record, Json), "stage", nameof(HandoffStage.Queued), "position", record.AnnouncedPosition]);
        var added = await EvaluateAsync(EnqueueScript, [keys.Handoff(record.ConversationId), keys.HandoffWaiting], [.. args]);
        return (int)added == 1;
    }

    public async Task<HandoffRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var fields = await redis.GetDatabase().HashGetAllAsync(keys.Handoff(conversationId));
        return fields.Length == 0 ? null : FromFields(fields.ToDictionary(f => (string)f.Name!, f => (string)f.Value!));
    }

    // RedisConversationLog reads the record's hash (turn-next.lua) as it hands a turn out.
    public bool TryTakePreloaded(TurnPreload preload, string conversationId, out HandoffRecord? record)
    {
        record = null;
        if (!preload.TryTakeHandoff(conversationId, out var fields))
        {
            return false;
        }

        record = fields.Count == 0 ? null : FromFields(fields);
        return true;
    }

    public async Task<IReadOnlyList<HandoffRecord>> WaitingAsync(CancellationToken cancellationToken = default)
    {
        var ids = await redis.GetDatabase().SortedSetRangeByRankAsync(keys.HandoffWaiting);
        var records = await ReadAllAsync(ids);
        return [.. records.Where(r => r?.Stage == HandoffStage.Queued).Select(r => r!)];
    }

    public async Task<ClaimOutcome> ClaimAsync(string conversationId, string agentId, string agentName, int capacity, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var outcome = await EvaluateAsync(ClaimScript,
            [keys.Handoff(conversationId), keys.HandoffWaiting, keys.AgentHandoffs(agentId)],
            [conversationId, agentId, agentName, capacity, Stamp(now), RetentionMs]);
        return (ClaimOutcome)(int)outcome;
    }

    public async Task<ClaimOutcome> TransferAsync(string conversationId, string fromAgentId, string toAgentId, string toAgentName, int toCapacity, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var outcome = await EvaluateAsync(TransferScript,
            [keys.Handoff(conversationId), keys.AgentHandoffs(fromAgentId), keys.AgentHandoffs(toAgentId)],
            [conversationId, fromAgentId, toAgentId, toAgentName, toCapacity, Stamp(now), RetentionMs]);
        return (ClaimOutcome)(int)outcome;
    }

    public async Task<ClaimOutcome> RequeueAsync(string conversationId, string fromAgentId, CancellationToken cancellationToken = default)
    {
        var outcome = await EvaluateAsync(RequeueScript,
            [keys.Handoff(conversationId), keys.HandoffWaiting, keys.AgentHandoffs(fromAgentId)],
            [conversationId, fromAgentId, RetentionMs]);
        return (ClaimOutcome)(int)outcome;
    }

    public async Task<HandoffRecord?> EndAsync(string conversationId, string? agentId, HandoffStage stage, HandoffResolution? resolution, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!MayEnd(agentId, stage))
        {
            return null;
        }

        RedisKey[] scriptKeys = agentId is null
            ? [keys.Handoff(conversationId), keys.HandoffWaiting, keys.HandoffEnded]
            : [keys.Handoff(conversationId), keys.HandoffWaiting, keys.HandoffEnded, keys.AgentHandoffs(agentId)];
        var endedMs = now.ToUnixTimeMilliseconds();
        var entry = await EvaluateAsync(EndScript, scriptKeys,
        [
            conversationId, agentId ?? "", stage.ToString(), resolution is null ? "" : JsonSerializer.Serialize(resolution, Json),
            Stamp(now), endedMs, RetentionMs, endedMs - RetentionMs,
        ]);
        return entry.IsNull ? null : FromEntry((string)entry!);
    }

    public async Task<IReadOnlyList<HandoffRecord>> ActiveAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var ids = await redis.GetDatabase().SetMembersAsync(keys.AgentHandoffs(agentId));
        var records = await ReadAllAsync(ids);
        return [.. records.Where(r => r is { Stage: HandoffStage.Assigned } && r.AgentId == agentId).Select(r => r!).OrderBy(r => r.ClaimedAt)];
    }

    public async Task<int> ActiveCountAsync(string agentId, CancellationToken cancellationToken = default) =>
        (int)await redis.GetDatabase().SetLengthAsync(keys.AgentHandoffs(agentId));

    public async Task SetAnnouncedPositionAsync(string conversationId, int position, CancellationToken cancellationToken = default) =>
        await EvaluateAsync(PositionScript, [keys.Handoff(conversationId)], [position, RetentionMs]);

    public async Task SaveSurveyAsync(string conversationId, SurveyResult survey, CancellationToken cancellationToken = default) =>
        await EvaluateAsync(SurveyScript, [keys.Handoff(conversationId), keys.HandoffEnded], [JsonSerializer.Serialize(survey, Json), RetentionMs]);

    public async Task AddNoteAsync(string conversationId, AgentNote note, CancellationToken cancellationToken = default)
    {
        var key = keys.HandoffNotes(conversationId);
        var tx = redis.GetDatabase().CreateTransaction();
        _ = tx.ListRightPushAsync(key, JsonSerializer.Serialize(note, Json));
        _ = tx.KeyExpireAsync(key, options.Value.RecordRetention);
        await tx.ExecuteAsync();
    }

    public async Task<IReadOnlyList<AgentNote>> NotesAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var notes = await redis.GetDatabase().ListRangeAsync(keys.HandoffNotes(conversationId));
        return [.. notes.Select(n => JsonSerializer.Deserialize<AgentNote>((string)n!, Json)!)];
    }

    public async Task<IReadOnlyList<HandoffRecord>> EndedAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var entries = await redis.GetDatabase().SortedSetRangeByScoreAsync(
            keys.HandoffEnded, since.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds(), Exclude.Stop);
        return [.. entries.Select(e => FromEntry((string)e!))];
    }

    /// <summary>
    /// Deletes the customer's hand-offs: the records and notes of their conversations, and every ended entry of
    /// theirs (found by conversation or by user id, so a hand-off whose conversation is gone from the log goes too),
    /// with its place in the queue and in its agent's set.
    /// </summary>
    public async Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var ended = new List<RedisValue>();
        var ids = conversationIds.ToHashSet(StringComparer.Ordinal);
        await foreach (var entry in db.SortedSetScanAsync(keys.HandoffEnded, pageSize: 500))
        {
            var record = FromEntry((string)entry.Element!);
            if (ids.Contains(record.ConversationId) || record.UserId == customerId)
            {
                ended.Add(entry.Element);
                ids.Add(record.ConversationId);
            }
        }

        if (ids.Count == 0)
        {
            return;
        }

        var owners = await Task.WhenAll(ids.Select(id => db.HashGetAsync(keys.Handoff(id), "agentId")));
        var tx = db.CreateTransaction();
        _ = tx.SortedSetRemoveAsync(keys.HandoffEnded, [.. ended]);
        _ = tx.SortedSetRemoveAsync(keys.HandoffWaiting, [.. ids.Select(id => (RedisValue)id)]);
        foreach (var (id, owner) in ids.Zip(owners).Where(o => o.Second.HasValue))
        {
            _ = tx.SetRemoveAsync(keys.AgentHandoffs((string)owner!), id);
        }

        _ = tx.KeyDeleteAsync([.. ids.SelectMany(id => new[] { keys.Handoff(id), keys.HandoffNotes(id) })]);
        await tx.ExecuteAsync();
    }

    /// <summary>
    /// The place in the waiting set, lowest first: priority, then arrival to the millisecond. Exact in a double
    /// (a Redis score) for priorities within ±900. The memory twin orders by the same number.
    /// </summary>
    internal static long WaitingScore(HandoffRecord record) =>
        -(long)record.Priority * 10_000_000_000_000L + record.QueuedAt.ToUnixTimeMilliseconds();

    /// <summary>What may be queued: a record at stage Queued, with no trace of an owner or an end.</summary>
    internal static HandoffRecord Queued(HandoffRecord record) => record.Stage == HandoffStage.Queued
        ? record with { AgentId = null, AgentName = null, ClaimedAt = null, EndedAt = null, Resolution = null, Survey = null }
        : throw new ArgumentException($"Only a Queued hand-off can be queued, not one at stage {record.Stage}.", nameof(record));

    /// <summary>An owner closes or returns to the bot; nobody but the customer, leaving, abandons.</summary>
    internal static bool MayEnd(string? agentId, HandoffStage stage) => agentId is null
        ? stage == HandoffStage.Abandoned
        : stage is HandoffStage.Closed or HandoffStage.ReturnedToBot;

    private Task<RedisResult> EvaluateAsync(LuaScript script, RedisKey[] scriptKeys, RedisValue[] args) =>
        script.EvaluateAsync(redis.GetDatabase(), scriptKeys, args);

    private async Task<HandoffRecord?[]> ReadAllAsync(RedisValue[] conversationIds)
    {
        var db = redis.GetDatabase();
        var reads = await Task.WhenAll(conversationIds.Select(id => db.HashGetAllAsync(keys.Handoff((string)id!))));
        return [.. reads.Select(f => f.Length == 0 ? null : FromFields(f.ToDictionary(e => (string)e.Name!, e => (string)e.Value!)))];
    }

    private static HandoffRecord FromEntry(string entry) =>
        FromFields(JsonSerializer.Deserialize<Dictionary<string, string>>(entry, Json)!);

    private static HandoffRecord FromFields(IReadOnlyDictionary<string, string> fields) =>
        JsonSerializer.Deserialize<HandoffRecord>(fields["record"], Json)! with
        {
            Stage = Enum.Parse<HandoffStage>(fields["stage"]),
            AgentId = fields.GetValueOrDefault("agentId"),
            AgentName = fields.GetValueOrDefault("agentName"),
            ClaimedAt = ParseStamp(fields.GetValueOrDefault("claimedAt")),
            EndedAt = ParseStamp(fields.GetValueOrDefault("endedAt")),
            Resolution = fields.TryGetValue("resolution", out var resolution) ? JsonSerializer.Deserialize<HandoffResolution>(resolution, Json) : null,
            Survey = fields.TryGetValue("survey", out var survey) ? JsonSerializer.Deserialize<SurveyResult>(survey, Json) : null,
            AnnouncedPosition = fields.TryGetValue("position", out var position) ? int.Parse(position, CultureInfo.InvariantCulture) : 0,
        };

    private static void LeaveOutHashFields(JsonTypeInfo type)
    {
        if (type.Type == typeof(HandoffRecord))
        {
            foreach (var property in type.Properties.Where(p => HashFieldProperties.Contains(p.AttributeProvider is MemberInfo m ? m.Name : "")).ToList())
            {
                type.Properties.Remove(property);
            }
        }
    }

    private static string Stamp(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseStamp(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
