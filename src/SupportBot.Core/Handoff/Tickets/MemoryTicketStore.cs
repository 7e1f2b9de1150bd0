namespace SupportBot.Handoff.Tickets;

/// <summary>In-process twin of <see cref="RedisTicketStore"/>: the same sequential ids, gone when the process stops.</summary>
public sealed class MemoryTicketStore : ITicketStore
{
    private readonly List<Ticket> _tickets = [];
    private readonly Lock _gate = new();
    private long _numbered; // as Redis's counter: a forgotten ticket's number is not handed out again

    public Task<Ticket> CreateAsync(Ticket ticket, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var created = ticket with { Id = RedisTicketStore.FormatId(++_numbered) };
            _tickets.Add(created);
            return Task.FromResult(created);
        }
    }

    public Task<Ticket?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_tickets.Find(t => t.Id == id));
        }
    }

    public Task<IReadOnlyList<Ticket>> ListAsync(int max, bool includeResolved, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Ticket> newest = [.. Enumerable.Reverse(_tickets).Where(t => includeResolved || t.IsOpen).Take(Math.Max(max, 0))];
            return Task.FromResult(newest);
        }
    }

    public Task<bool> AddReplyAsync(string id, TicketReply reply, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = _tickets.FindIndex(t => t.Id == id);
            if (index >= 0)
            {
                _tickets[index] = _tickets[index] with { Replies = [.. _tickets[index].Replies, reply] };
            }

            return Task.FromResult(index >= 0);
        }
    }

    public Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _tickets.RemoveAll(t => conversationIds.Contains(t.ConversationId));
        }

        return Task.CompletedTask;
    }

    public Task<bool> ResolveAsync(string id, string agentId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = _tickets.FindIndex(t => t.Id == id);
            if (index < 0 || !_tickets[index].IsOpen)
            {
                return Task.FromResult(false);
            }

            _tickets[index] = _tickets[index] with { ResolvedBy = agentId, ResolvedAt = now };
            return Task.FromResult(true);
        }
    }
}
