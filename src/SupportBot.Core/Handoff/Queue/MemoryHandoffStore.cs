namespace SupportBot.Handoff.Queue;

/// <summary>
/// In-process twin of <see cref="RedisHandoffStore"/>: one lock makes every change of owner atomic. Records,
/// notes and the ended history live as long as the process (no retention). As in Redis, notes belong to the
/// conversation and outlive a hand-off, so an agent taking a later escalation sees what the last one wrote.
/// </summary>
public sealed class MemoryHandoffStore : IHandoffStore
{
    private readonly Dictionary<string, HandoffRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AgentNote>> _notes = new(StringComparer.Ordinal);
    private readonly List<HandoffRecord> _ended = [];
    private readonly Lock _gate = new();

    public Task<bool> EnqueueAsync(HandoffRecord record, CancellationToken cancellationToken = default)
    {
        record = RedisHandoffStore.Queued(record);
        lock (_gate)
        {
            if (_records.TryGetValue(record.ConversationId, out var current) && current.IsOpen)
            {
                return Task.FromResult(false);
            }

            _records[record.ConversationId] = record;
            return Task.FromResult(true);
        }
    }

    public Task<HandoffRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault(conversationId));
        }
    }

    public Task<IReadOnlyList<HandoffRecord>> WaitingAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // The order of Redis's waiting set: priority, then arrival to the millisecond, then id.
            IReadOnlyList<HandoffRecord> waiting = [.. _records.Values
                .Where(r => r.Stage == HandoffStage.Queued)
                .OrderBy(RedisHandoffStore.WaitingScore)
                .ThenBy(r => r.ConversationId, StringComparer.Ordinal)];
            return Task.FromResult(waiting);
        }
    }

    public Task<ClaimOutcome> ClaimAsync(string conversationId, string agentId, string agentName, int capacity, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var outcome = !_records.TryGetValue(conversationId, out var record) ? ClaimOutcome.NotFound
                : record.Stage != HandoffStage.Queued ? ClaimOutcome.Taken
                : ActiveCount(agentId) >= capacity ? ClaimOutcome.AtCapacity
                : ClaimOutcome.Claimed;
            if (outcome == ClaimOutcome.Claimed)
            {
                _records[conversationId] = record! with { Stage = HandoffStage.Assigned, AgentId = agentId, AgentName = agentName, ClaimedAt = now };
            }

            return Task.FromResult(outcome);
        }
    }

    public Task<ClaimOutcome> TransferAsync(string conversationId, string fromAgentId, string toAgentId, string toAgentName, int toCapacity, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var outcome = Owned(conversationId, fromAgentId, out var record);
            if (outcome != ClaimOutcome.Claimed || fromAgentId == toAgentId)
            {
                return Task.FromResult(outcome);
            }

            if (ActiveCount(toAgentId) >= toCapacity)
            {
                return Task.FromResult(ClaimOutcome.AtCapacity);
            }

            _records[conversationId] = record! with { AgentId = toAgentId, AgentName = toAgentName, ClaimedAt = now };
            return Task.FromResult(ClaimOutcome.Claimed);
        }
    }

    public Task<ClaimOutcome> RequeueAsync(string conversationId, string fromAgentId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var outcome = Owned(conversationId, fromAgentId, out var record);
            if (outcome == ClaimOutcome.Claimed)
            {
                _records[conversationId] = record! with
                {
                    Stage = HandoffStage.Queued, AgentId = null, AgentName = null, ClaimedAt = null, AnnouncedPosition = 0,
                };
            }

            return Task.FromResult(outcome);
        }
    }

    public Task<HandoffRecord?> EndAsync(string conversationId, string? agentId, HandoffStage stage, HandoffResolution? resolution, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!RedisHandoffStore.MayEnd(agentId, stage) || !_records.TryGetValue(conversationId, out var record)
                || !(agentId is null ? record.Stage == HandoffStage.Queued : record.Stage == HandoffStage.Assigned && record.AgentId == agentId))
            {
                return Task.FromResult<HandoffRecord?>(null);
            }

            var ended = record with { Stage = stage, EndedAt = now, Resolution = resolution };
            _records[conversationId] = ended;
            _ended.Add(ended);
            return Task.FromResult<HandoffRecord?>(ended);
        }
    }

    public Task<IReadOnlyList<HandoffRecord>> ActiveAsync(string agentId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HandoffRecord> active = [.. _records.Values.Where(r => IsOwnedBy(r, agentId)).OrderBy(r => r.ClaimedAt)];
            return Task.FromResult(active);
        }
    }

    public Task<int> ActiveCountAsync(string agentId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(ActiveCount(agentId));
        }
    }

    public Task SetAnnouncedPositionAsync(string conversationId, int position, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_records.TryGetValue(conversationId, out var record))
            {
                _records[conversationId] = record with { AnnouncedPosition = position };
            }
        }

        return Task.CompletedTask;
    }

    public Task SaveSurveyAsync(string conversationId, SurveyResult survey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_records.TryGetValue(conversationId, out var record))
            {
                return Task.CompletedTask;
            }

            _records[conversationId] = record with { Survey = survey };
            var copy = _ended.FindLastIndex(e => e.ConversationId == conversationId && e.EndedAt == record.EndedAt);
            if (!record.IsOpen && copy >= 0)
            {
                _ended[copy] = _ended[copy] with { Survey = survey };
            }
        }

        return Task.CompletedTask;
    }

    public Task AddNoteAsync(string conversationId, AgentNote note, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_notes.TryGetValue(conversationId, out var notes))
            {
                _notes[conversationId] = notes = [];
            }

            notes.Add(note);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AgentNote>> NotesAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<AgentNote> notes = _notes.TryGetValue(conversationId, out var list) ? [.. list] : [];
            return Task.FromResult(notes);
        }
    }

    public Task<IReadOnlyList<HandoffRecord>> EndedAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HandoffRecord> ended = [.. _ended.Where(e => e.EndedAt >= since && e.EndedAt < until).OrderBy(e => e.EndedAt)];
            return Task.FromResult(ended);
        }
    }

    public Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            bool Theirs(HandoffRecord r) => r.UserId == customerId || conversationIds.Contains(r.ConversationId);
            foreach (var id in _records.Values.Concat(_ended).Where(Theirs).Select(r => r.ConversationId).Concat(conversationIds).ToList())
            {
                _records.Remove(id);
                _notes.Remove(id);
            }

            _ended.RemoveAll(Theirs);
        }

        return Task.CompletedTask;
    }

    private ClaimOutcome Owned(string conversationId, string agentId, out HandoffRecord? record) =>
        !_records.TryGetValue(conversationId, out record) ? ClaimOutcome.NotFound
        : IsOwnedBy(record, agentId) ? ClaimOutcome.Claimed
        : ClaimOutcome.NotOwner;

    private int ActiveCount(string agentId) => _records.Values.Count(r => IsOwnedBy(r, agentId));

    private static bool IsOwnedBy(HandoffRecord record, string agentId) =>
        record.Stage == HandoffStage.Assigned && record.AgentId == agentId;
}
