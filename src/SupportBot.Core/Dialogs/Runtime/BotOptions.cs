namespace SupportBot.Dialogs;

public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>The bot's account id on every activity it sends.</summary>
    public string Id { get; set; } = "supportbot";

    /// <summary>The name customers see beside the bot's messages.</summary>
    public string Name { get; set; } = "SupportBot";

    /// <summary>Folder holding dialogs and answers; relative paths start at the content root.</summary>
    public string DialogsPath { get; set; } = "../../dialogs";

    /// <summary>Load changed dialog files without a restart (a broken change is refused and logged; the old dialogs stay).</summary>
    public bool ReloadDialogs { get; set; } = true;

    /// <summary>Wrong answers to one question before the bot stops asking and offers topics instead.</summary>
    public int MaxSlotAttempts { get; set; } = 3;

    /// <summary>
    /// Confidence a message needs to count as a new topic while the bot waits for an answer (below it the message is
    /// taken as a wrong answer). Higher than the model's threshold: mid-flow, an answer is the likelier reading.
    /// </summary>
    public float TopicSwitchConfidence { get; set; } = 0.6f;
}
