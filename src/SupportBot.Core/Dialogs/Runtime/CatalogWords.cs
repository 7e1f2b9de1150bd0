using SupportBot.Handoff.Escalation;

namespace SupportBot.Dialogs;

/// <summary>The escalation rules' view of the customer's words: the command words of dialogs/common.json.</summary>
internal sealed class CatalogWords(DialogCatalog catalog) : ICustomerWords
{
    public bool AsksForHuman(string? text) => catalog.IsWord(CommandWords.Human, text);

    public bool SoundsAngry(string? text) => catalog.ContainsPhrase(CommandWords.Angry, text);

    public bool IsCommand(string? text) =>
        catalog.IsWord(CommandWords.Yes, text) || catalog.IsWord(CommandWords.No, text)
        || catalog.IsWord(CommandWords.Cancel, text) || catalog.IsWord(CommandWords.Help, text);

    public string Normalize(string text) => DialogCatalog.NormalizeWord(text);
}
