namespace SupportBot.Schema;

/// <summary>Card action types (<c>suggestedActions.actions[].type</c>).</summary>
public static class ActionTypes
{
    public const string ImBack = "imBack";
    public const string PostBack = "postBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";
}
