namespace SupportBot.Schema;

/// <summary>The activity types this bot sends or accepts, named as in Microsoft.Bot.Schema.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string Typing = "typing";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string EndOfConversation = "endOfConversation";
}
