using Microsoft.Extensions.Options;
using SupportBot.Handoff.Agents;

namespace SupportBot.Handoff.Queue;

/// <summary>An agent who is online, with how many chats they have now.</summary>
public sealed record OnlineAgent(AgentAccount Account, AgentStatus Status, int Active)
{
    public bool HasRoom => Status == AgentStatus.Available && Active < Account.Capacity;

    public bool Matches(string language, string skill) => Account.Speaks(language) && Account.Handles(skill);
}

/// <summary>
/// Every agent account (configuration first, then the store) and who of them is online and how busy: what
/// hand-off routing and the availability check read.
/// </summary>
public sealed class AgentDirectory(
    IOptions<AgentsOptions> options, IAgentAccounts accounts, IAgentPresence presence, IHandoffStore handoffs, TimeProvider clock)
{
    private readonly Dictionary<string, AgentAccount> _configured = options.Value.Accounts
        .Select(a => a.ToAccount())
        .Where(a => a.Id.Length > 0)
        .ToDictionary(a => a.Id);

    public async Task<AgentAccount?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        var key = id.Trim().ToLowerInvariant();
        return _configured.TryGetValue(key, out var account) ? account : await accounts.FindAsync(key, cancellationToken);
    }

    public async Task<IReadOnlyList<AgentAccount>> AllAsync(CancellationToken cancellationToken = default)
    {
        var stored = await accounts.AllAsync(cancellationToken);
        return [.. _configured.Values, .. stored.Where(a => !_configured.ContainsKey(a.Id))];
    }

    public async Task<IReadOnlyList<OnlineAgent>> OnlineAsync(CancellationToken cancellationToken = default)
    {
        var online = await presence.OnlineAsync(clock.GetUtcNow(), options.Value.PresenceTimeout, cancellationToken);
        if (online.Count == 0)
        {
            return [];
        }

        // One read of every account and the active counts side by side: this runs on every queue pass and hand-off,
        // and a round trip per agent one after another would cost 100 agents 200 round trips.
        var accounts = (await AllAsync(cancellationToken)).ToDictionary(a => a.Id);
        var known = online.Where(o => accounts.ContainsKey(o.AgentId)).ToList();
        var active = await Task.WhenAll(known.Select(o => handoffs.ActiveCountAsync(o.AgentId, cancellationToken)));
        return [.. known.Select((o, i) => new OnlineAgent(accounts[o.AgentId], o.Status, active[i]))];
    }
}
