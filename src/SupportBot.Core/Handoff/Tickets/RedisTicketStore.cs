using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using SupportBot.Redis;

namespace SupportBot.Handoff.Tickets;

/// <summary>
/// Tickets in Redis: a hash each, numbered by one INCR counter so ids are sequential across server processes, and
/// two sorted sets by number (all, open) for the newest-first lists.
/// </summary>
public sealed class RedisTicketStore(IConnectionMultiplexer redis, RedisKeys keys) : ITicketStore
{
    private static readonly LuaScript ResolveScript = RedisScripts.Load("ticket-resolve");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { IgnoreReadOnlyProperties = true };

    public async Task<Ticket> CreateAsync(Ticket ticket, CancellationToken cancellationToken = default)
    {
        // The number is taken before the write: a process that dies in between leaves a gap, never a duplicate.
        var db = redis.GetDatabase();
        var number = await db.StringIncrementAsync(keys.TicketSequence);
        var created = ticket with { Id = FormatId(number) };
        var key = keys.Ticket(created.Id);

        var tx = db.CreateTransaction();
        _ = tx.HashSetAsync(key, "json", JsonSerializer.Serialize(created with { ResolvedBy = null, ResolvedAt = null, Replies = [] }, Json));
        if (!created.IsOpen)
        {
            _ = tx.HashSetAsync(key, [new("resolvedBy", created.ResolvedBy ?? ""), new("resolvedAt", Stamp(created.ResolvedAt!.Value))]);
        }

        _ = tx.SortedSetAddAsync(keys.Tickets, created.Id, number);
        if (created.IsOpen)
        {
            _ = tx.SortedSetAddAsync(keys.OpenTickets, created.Id, number);
        }

        await tx.ExecuteAsync();
        return created;
    }

    public async Task<Ticket?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await ReadAsync(redis.GetDatabase(), id);

    public async Task<IReadOnlyList<Ticket>> ListAsync(int max, bool includeResolved, CancellationToken cancellationToken = default)
    {
        if (max <= 0)
        {
            return [];
        }

        var db = redis.GetDatabase();
        var ids = await db.SortedSetRangeByRankAsync(includeResolved ? keys.Tickets : keys.OpenTickets, 0, max - 1, Order.Descending);
        var tickets = await Task.WhenAll(ids.Select(id => ReadAsync(db, (string)id!)));
        return [.. tickets.Where(t => t is not null && (includeResolved || t.IsOpen)).Select(t => t!)];
    }

    public async Task<bool> AddReplyAsync(string id, TicketReply reply, CancellationToken cancellationToken = default)
    {
        var tx = redis.GetDatabase().CreateTransaction();
        tx.AddCondition(Condition.KeyExists(keys.Ticket(id)));
        _ = tx.ListRightPushAsync(keys.TicketReplies(id), JsonSerializer.Serialize(reply, Json));
        return await tx.ExecuteAsync();
    }

    public async Task<bool> ResolveAsync(string id, string agentId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var resolved = await ResolveScript.EvaluateAsync(redis.GetDatabase(), [keys.Ticket(id), keys.OpenTickets], [id, agentId, Stamp(now)]);
        return (int)resolved == 1;
    }

    // A ticket names its conversation, not its customer: every ticket is read to find theirs (tickets have no TTL).
    public async Task ForgetAsync(string customerId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var ids = (await db.SortedSetRangeByRankAsync(keys.Tickets)).Select(id => (string)id!).ToList();
        var tickets = await Task.WhenAll(ids.Select(id => ReadAsync(db, id)));
        foreach (var ticket in tickets.Where(t => t is not null && conversationIds.Contains(t.ConversationId)))
        {
            var tx = db.CreateTransaction();
            _ = tx.KeyDeleteAsync([keys.Ticket(ticket!.Id), keys.TicketReplies(ticket.Id)]);
            _ = tx.SortedSetRemoveAsync(keys.Tickets, ticket.Id);
            _ = tx.SortedSetRemoveAsync(keys.OpenTickets, ticket.Id);
            await tx.ExecuteAsync();
        }
    }

    /// <summary>"TCK-00001" for ticket 1; the memory twin numbers the same way.</summary>
    internal static string FormatId(long number) => string.Create(CultureInfo.InvariantCulture, $"TCK-{number:D5}");

    private async Task<Ticket?> ReadAsync(IDatabaseAsync db, string id)
    {
        var read = db.HashGetAsync(keys.Ticket(id), ["json", "resolvedBy", "resolvedAt"]);
        var replies = db.ListRangeAsync(keys.TicketReplies(id));
        var fields = await read;
        if (fields[0].IsNull)
        {
            return null;
        }

        var ticket = JsonSerializer.Deserialize<Ticket>((string)fields[0]!, Json)! with
        {
            Replies = [.. (await replies).Select(r => JsonSerializer.Deserialize<TicketReply>((string)r!, Json)!)],
        };
        return fields[2].IsNull ? ticket : ticket with
        {
            ResolvedBy = (string?)fields[1],
            ResolvedAt = DateTimeOffset.Parse((string)fields[2]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        };
    }

    private static string Stamp(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
