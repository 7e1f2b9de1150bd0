namespace SupportBot.Handoff.Desk;

/// <summary>The intents an agent may close a chat with or hand it back to the bot for (the dialogs loaded now).</summary>
public interface IIntentList
{
    IReadOnlyList<string> Current();
}
