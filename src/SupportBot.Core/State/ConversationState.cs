using SupportBot.Builder;

namespace SupportBot.State;

/// <summary>State of one conversation, stored under "{channelId}/conversations/{conversationId}".</summary>
public sealed class ConversationState(IStorage storage) : BotState(storage, nameof(ConversationState))
{
    protected override string GetStorageKey(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        var conversationId = activity.Conversation?.Id
            ?? throw new InvalidOperationException("The activity has no conversation id.");
        return StateKeys.Conversation(activity.ChannelId ?? "", conversationId);
    }
}
