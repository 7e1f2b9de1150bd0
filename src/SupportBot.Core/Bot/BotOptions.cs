namespace SupportBot.Bot;

public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>The bot's account id on every activity it sends.</summary>
    public string Id { get; set; } = "supportbot";

    /// <summary>The name customers see beside the bot's messages.</summary>
    public string Name { get; set; } = "SupportBot";

    /// <summary>Folder holding dialogs and answers; relative paths start at the content root.</summary>
    public string DialogsPath { get; set; } = "../../dialogs";
}
