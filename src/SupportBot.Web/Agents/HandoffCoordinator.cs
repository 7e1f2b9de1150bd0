using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Schema;
using SupportBot.Web.DirectLine;

namespace SupportBot.Web.Agents;

/// <summary>
/// Keeps the queue moving, on every <see cref="QueueSignal"/> and every few seconds: gives waiting chats to free
/// agents when auto-assignment is on, ends waits past Handoff:MaxQueueWait, pushes the queue and the agents'
/// presence to consoles when they change, tells waiting customers their new place, and keeps this process's agent
/// connections present.
/// </summary>
public sealed class HandoffCoordinator(
    QueueSignal signal,
    IHandoffStore store,
    AgentDirectory directory,
    IAgentPresence presence,
    AgentConnections connections,
    ChatViews views,
    ConversationService conversations,
    HandoffService handoff,
    DialogCatalogProvider dialogs,
    IHubContext<AgentHub, IAgentClient> hub,
    IOptions<HandoffOptions> handoffOptions,
    IOptions<AgentsOptions> agentsOptions,
    TimeProvider clock,
    ILogger<HandoffCoordinator> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);
    private string _lastQueue = "";
    private string _lastPresence = "";
    private DateTimeOffset _lastHeartbeat = DateTimeOffset.MinValue;
    private readonly Dictionary<string, DateTimeOffset> _offlineSince = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(Tick, stoppingToken);
            try
            {
                await HeartbeatAsync(stoppingToken);
                await PassAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The hand-off queue pass failed; the next one retries.");
            }
        }
    }

    private async Task HeartbeatAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _lastHeartbeat >= agentsOptions.Value.HeartbeatInterval)
        {
            _lastHeartbeat = now;
            await presence.RefreshAsync(connections.All, now, ct);
        }
    }

    private async Task PassAsync(CancellationToken ct)
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
                await conversations.DeliverToBotAsync(record.ConversationId, new HandoffStatus(HandoffStates.Failed, null, "timeout", null, "Nobody took the chat in time.").ToActivity(), ct);
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

        await PublishQueueAsync(waiting, ct);
        await AnnouncePositionsAsync(waiting, online, ct);
        await PublishPresenceAsync(accounts, online);
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
                    await conversations.DeliverToBotAsync(record.ConversationId, new HandoffStatus(HandoffStates.Accepted, agent.Account.Name, null, null, null).ToActivity(), ct);
                    if (await store.GetAsync(record.ConversationId, ct) is { } claimed)
                    {
                        await hub.Clients.Group(AgentConnections.Group(agent.Account.Id)).ChatAssigned(await views.ViewAsync(claimed, ct));
                    }
                }

                break;
            }
        }

        return assigned;
    }

    private async Task PublishQueueAsync(IReadOnlyList<HandoffRecord> waiting, CancellationToken ct)
    {
        var items = ChatViews.Queue(waiting);
        var snapshot = JsonSerializer.Serialize(items);
        if (snapshot != _lastQueue)
        {
            _lastQueue = snapshot;
            await hub.Clients.Group(AgentConnections.Everyone).QueueChanged(items);
        }
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
            var minutes = QueueEstimate.Minutes(position, record.Language, record.Skill, online, await handoff.HandleTimes.AverageAsync(ct));
            var text = HandoffService.Fill(dialogs.Current.Message(HandoffMessages.QueueMoved, record.Language), position, minutes);
            await conversations.SendToCustomerAsync(record.ConversationId, conversations.BotAccount, SupportBot.Builder.MessageFactory.Text(text, record.Language), ct);
        }
    }

    private async Task PublishPresenceAsync(IReadOnlyList<AgentAccount> accounts, IReadOnlyList<OnlineAgent> online)
    {
        var summaries = AgentDesk.Summaries(accounts, online);
        var snapshot = JsonSerializer.Serialize(summaries);
        if (snapshot != _lastPresence)
        {
            _lastPresence = snapshot;
            await hub.Clients.Group(AgentConnections.Everyone).PresenceChanged(summaries);
        }
    }
}
