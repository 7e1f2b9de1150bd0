using SupportBot.Builder;
using SupportBot.Conversations;
using SupportBot.Dialogs;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Schema;

namespace SupportBot.Bot;

/// <summary>
/// The support bot: greets a new conversation with the most useful topics, and hands every message to the
/// declarative dialogs under dialogs/, unless the conversation is with a person (then the agent gets it and the
/// bot stays silent) or waiting for one.
/// </summary>
public sealed class SupportDeskBot(DialogEngine dialogs, HandoffService? handoff = null) : ActivityHandler
{
    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        dialogs.GreetAsync(turnContext, cancellationToken);

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        // The dialogs' memory and the hand-off record usually came with the turn (TurnPreload); else the memory is read
        // beside the record, one round trip to the store instead of two. When a person has the chat the memory goes
        // unused, a read the bot's own turns, by far the most, do not pay for.
        var memory = dialogs.LoadMemoryAsync(turnContext, cancellationToken);
        var open = handoff is null ? null : await handoff.RouteAsync(turnContext.Activity, TurnPreload.Of(turnContext.TurnState), cancellationToken);
        await memory;
        if (open is not null)
        {
            if (open.Stage == HandoffStage.Queued)
            {
                await dialogs.WhileQueuedAsync(turnContext, open, cancellationToken);
            }

            return;
        }

        await dialogs.ContinueAsync(turnContext, cancellationToken);
    }

    // A hand-off status comes from the agent desk. The channel gives everything a customer posts the user role,
    // whatever the client claimed, so a status from a customer (should one get past the channel) is a forgery.
    protected override Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.From?.Role != RoleTypes.User && HandoffStatus.Read(turnContext.Activity) is { } status
            ? dialogs.HandoffStatusAsync(turnContext, status, cancellationToken)
            : Task.CompletedTask;
}
