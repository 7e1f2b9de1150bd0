using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportBot.Handoff.Agents;
using SupportBot.Schema;

namespace SupportBot.Handoff.Queue;

/// <summary>
/// Keeps the queue moving, one pass at a time, in the one process that holds the <see cref="IQueueLease"/>: ends
/// waits past Handoff:MaxQueueWait, requeues the chats of an agent gone for Agents:PresenceTimeout, gives waiting
/// chats to free agents when Handoff:AutoAssign is on, and tells waiting customers their new place.
/// </summary>
public sealed class QueuePolicy(
    IHandoffStore store,
    AgentDirectory directory,
    IQueueChannel channel,
    IOptions<HandoffOptions> handoffOptions,
    IOptions<AgentsOptions> agentsOptions,
    TimeProvider clock,
    ILogger<QueuePolicy> logger)
{
    private readonly HandleTimes _handleTimes = new(store, handoffOptions.Value, clock);
    private readonly Dictionary<string, DateTimeOffset> _offlineSince = [];

    public async Task PassAsync(CancellationToken ct)
    {
        var options = handoffOptions.Value;
        var now = clock.GetUtcNow();
        var waiting = await store.WaitingAsync(ct);
        var online = (await directory.OnlineAsync(ct)).ToList();
        var changed = false;

        foreach (var record in waiting.Where(r => now - r.QueuedAt > options.MaxQueueWait))
        {
            if (await store.EndAsync(record.ConversationId, null, HandoffStage.Abandoned, null, now, ct) is not null)
            {
                changed = true;
                await channel.DeliverToBotAsync(record.ConversationId, new HandoffStatus(HandoffStates.Failed, null, "timeout", null, "Nobody took the chat in time.").ToActivity(), ct);
            }
        }

        var accounts = await directory.AllAsync(ct);
        changed |= await RequeueOrphansAsync(accounts, online, now, ct);
        if (options.AutoAssign)
        {
            changed |= await AutoAssignAsync(changed ? await store.WaitingAsync(ct) : waiting, online, ct);
        }

        if (changed)
        {
            waiting = await store.WaitingAsync(ct);
            online = [.. await directory.OnlineAsync(ct)];
        }

        await channel.QueueAsync(waiting, ct);
        await AnnouncePositionsAsync(waiting, online, ct);
        await channel.PresenceAsync(accounts, online, ct);
    }

    /// <summary>
    /// Chats of an agent who has been gone (no live console anywhere) for a whole Agents:PresenceTimeout go back to
    /// the queue, keeping their place, so a crashed browser or a lost laptop does not strand customers. A reload
    /// reconnects well within the timeout and keeps the chats.
    /// </summary>
    private async Task<bool> RequeueOrphansAsync(IReadOnlyList<AgentAccount> accounts, IReadOnlyList<OnlineAgent> online, DateTimeOffset now, CancellationToken ct)
    {
        var present = online.Select(o => o.Account.Id).ToHashSet();
        var changed = false;
        foreach (var account in accounts)
        {
            var chats = present.Contains(account.Id) ? [] : await store.ActiveAsync(account.Id, ct);
            if (chats.Count == 0)
            {
                _offlineSince.Remove(account.Id);
                continue;
            }

            if (!_offlineSince.TryGetValue(account.Id, out var since))
            {
                _offlineSince[account.Id] = now;
                continue;
            }

            if (now - since < agentsOptions.Value.PresenceTimeout)
            {
                continue;
            }

            foreach (var chat in chats)
            {
                if (await store.RequeueAsync(chat.ConversationId, account.Id, ct) == ClaimOutcome.Claimed)
                {
                    changed = true;
                    await store.SetAnnouncedPositionAsync(chat.ConversationId, 0, ct); // the customer hears their new place
                    logger.LogWarning("Agent {Agent} has been offline since {Since:u}: conversation {ConversationId} is back in the queue", account.Id, since, chat.ConversationId);
                }
            }

            _offlineSince.Remove(account.Id);
        }

        return changed;
    }

    /// <summary>Each waiting chat, in routing order, goes to the least busy matching agent with room.</summary>
    private async Task<bool> AutoAssignAsync(IReadOnlyList<HandoffRecord> waiting, List<OnlineAgent> online, CancellationToken ct)
    {
        var assigned = false;
        foreach (var record in waiting)
        {
            var candidates = online
                .Where(a => a.HasRoom && a.Matches(record.Language, record.Skill))
                .OrderBy(a => (double)a.Active / a.Account.Capacity).ThenBy(a => a.Active);
            foreach (var agent in candidates)
            {
                var outcome = await store.ClaimAsync(record.ConversationId, agent.Account.Id, agent.Account.Name, agent.Account.Capacity, clock.GetUtcNow(), ct);
                if (outcome == ClaimOutcome.AtCapacity)
                {
                    continue;
                }

                if (outcome == ClaimOutcome.Claimed)
                {
                    assigned = true;
                    online[online.IndexOf(agent)] = agent with { Active = agent.Active + 1 };
                    await channel.DeliverToBotAsync(record.ConversationId, new HandoffStatus(HandoffStates.Accepted, agent.Account.Name, null, null, null) { AgentId = agent.Account.Id }.ToActivity(), ct);
                    if (await store.GetAsync(record.ConversationId, ct) is { } claimed)
                    {
                        await channel.ChatAssignedAsync(agent.Account.Id, claimed, ct);
                    }
                }

                break;
            }
        }

        return assigned;
    }

    private async Task AnnouncePositionsAsync(IReadOnlyList<HandoffRecord> waiting, IReadOnlyList<OnlineAgent> online, CancellationToken ct)
    {
        foreach (var record in waiting)
        {
            var position = QueueEstimate.Position(record, waiting);
            if (position == record.AnnouncedPosition)
            {
                continue;
            }

            await store.SetAnnouncedPositionAsync(record.ConversationId, position, ct);
            var minutes = QueueEstimate.Minutes(position, record.Language, record.Skill, online, await _handleTimes.AverageAsync(ct));
            await channel.AnnouncePlaceAsync(record, position, minutes, ct);
        }
    }
}
