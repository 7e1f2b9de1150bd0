using SupportBot.Builder;
using SupportBot.Localization;
using SupportBot.Schema;

namespace SupportBot.Bot;

/// <summary>
/// The support bot, for now: a welcome with the most useful topics, and an honest answer to everything else.
/// The intent classifier and the dialogs replace the honest answer.
/// </summary>
public sealed class SupportDeskBot(BotStrings strings) : ActivityHandler
{
    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var language = Languages.FromLocale(turnContext.Activity.Locale);
        var welcome = MessageFactory.SuggestedActions(
            strings.Actions(MessageKeys.Welcome, language),
            strings.Get(MessageKeys.Welcome, language),
            turnContext.Activity.Locale);
        await turnContext.SendActivityAsync(welcome, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var language = Languages.FromLocale(activity.Locale);
        var key = string.IsNullOrWhiteSpace(activity.Text) && activity.Attachments is { Count: > 0 }
            ? MessageKeys.AttachmentReceived
            : MessageKeys.Capabilities;
        var reply = MessageFactory.SuggestedActions(
            strings.Actions(MessageKeys.Welcome, language),
            strings.Get(key, language),
            activity.Locale);
        await turnContext.SendActivityAsync(reply, cancellationToken);
    }
}
