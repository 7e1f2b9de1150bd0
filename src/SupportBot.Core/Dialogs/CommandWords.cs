namespace SupportBot.Dialogs;

/// <summary>The word lists of common.json: a message that is just one of these words is a command, not a question.</summary>
public static class CommandWords
{
    public const string Cancel = "cancel";
    public const string Help = "help";
    public const string Yes = "yes";
    public const string No = "no";
}
