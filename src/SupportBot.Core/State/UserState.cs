using SupportBot.Builder;

namespace SupportBot.State;

/// <summary>State of one user across conversations, stored under "{channelId}/users/{userId}".</summary>
public sealed class UserState(IStorage storage) : BotState(storage, nameof(UserState))
{
    protected override string GetStorageKey(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        var userId = activity.From?.Id ?? throw new InvalidOperationException("The activity has no sender id.");
        return StateKeys.User(activity.ChannelId ?? "", userId);
    }
}
