using SupportBot.Schema;

namespace SupportBot.Builder;

/// <summary>Shortcuts for the activities a bot sends most, named as in the SDK.</summary>
public static class MessageFactory
{
    public static Activity Text(string text, string? locale = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = TextFormatTypes.Plain,
        Locale = locale,
    };

    public static Activity SuggestedActions(IEnumerable<string> choices, string text, string? locale = null)
    {
        var activity = Text(text, locale);
        activity.SuggestedActions = new SuggestedActions
        {
            Actions = [.. choices.Select(c => new CardAction(ActionTypes.ImBack, c, c))],
        };
        return activity;
    }

    public static Activity Typing() => new() { Type = ActivityTypes.Typing };

    public static Activity Event(string name, System.Text.Json.JsonElement? value = null) => new()
    {
        Type = ActivityTypes.Event,
        Name = name,
        Value = value,
    };
}
