using SupportBot.Builder;
using SupportBot.Dialogs;
using SupportBot.Schema;

namespace SupportBot.Bot;

/// <summary>
/// The support bot: greets a new conversation with the most useful topics, and hands every message to the
/// declarative dialogs under dialogs/.
/// </summary>
public sealed class SupportDeskBot(DialogEngine dialogs) : ActivityHandler
{
    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        dialogs.GreetAsync(turnContext, cancellationToken);

    protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        dialogs.ContinueAsync(turnContext, cancellationToken);
}
