namespace SupportBot.Dialogs;

/// <summary>The word lists of common.json: a message that is just one of these words is a command, not a question.</summary>
public static class CommandWords
{
    public const string Cancel = "cancel";
    public const string Help = "help";
    public const string Yes = "yes";
    public const string No = "no";

    /// <summary>A request for a person ("agent", "оператор"): the whole message.</summary>
    public const string Human = "human";

    /// <summary>Angry phrases: found anywhere in the message, they hand the conversation to a person.</summary>
    public const string Angry = "angry";
}
