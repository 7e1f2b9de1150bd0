using SupportBot.Builder;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Intents;
using SupportBot.Localization;
using SupportBot.Schema;
using SupportBot.State;

namespace SupportBot.Dialogs;

/// <summary>
/// Runs the declarative dialogs for one turn at a time: loads the conversation's <see cref="DialogMemory"/> from the
/// conversation state, decides the language, lets a <see cref="TurnScope"/>'s parts answer, and stores the memory again
/// (the auto-save middleware writes it with its eTag at the end of the turn).
/// </summary>
public sealed class DialogEngine
{
    public const string MemoryProperty = "dialog";

    private readonly DialogCatalogProvider _catalogs;
    private readonly IIntentClassifier _classifier;
    private readonly IStatePropertyAccessor<DialogMemory> _memory;
    private readonly ConversationState _state;

    public DialogEngine(
        DialogCatalogProvider catalogs,
        IEnumerable<IDialogAction> actions,
        SlotRecognizer recognizer,
        IIntentClassifier classifier,
        ConversationState conversationState,
        BotOptions options,
        HandoffService? handoff = null)
    {
        Handoff = handoff;
        _catalogs = catalogs;
        _classifier = classifier;
        Actions = actions.ToDictionary(a => a.Descriptor.Name);
        Recognizer = recognizer;
        Options = options;
        _memory = conversationState.CreateProperty<DialogMemory>(MemoryProperty);
        _state = conversationState;
    }

    internal IReadOnlyDictionary<string, IDialogAction> Actions { get; }

    internal SlotRecognizer Recognizer { get; }

    internal BotOptions Options { get; }

    /// <summary>Hands conversations to people; null: the bot never escalates (unit tests of the dialogs alone).</summary>
    internal HandoffService? Handoff { get; }

    public DialogCatalog Catalog => _catalogs.Current;

    /// <summary>
    /// Reads the conversation state the dialogs work on, once per turn (later reads use it). Started beside another
    /// read, both go to the store in one round trip.
    /// </summary>
    public Task LoadMemoryAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        _state.LoadAsync(turnContext, cancellationToken: cancellationToken);

    public async Task GreetAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var memory = await _memory.GetAsync(turnContext, () => new DialogMemory(), cancellationToken);
        var language = ResolveLanguage(memory, turnContext.Activity, null);
        var catalog = Catalog;
        await turnContext.SendActivityAsync(
            DialogReplies.WithTopics(catalog.Message(MessageKeys.Welcome, language), language, catalog.Suggestions(MessageKeys.Welcome), catalog),
            cancellationToken);
        await _memory.SetAsync(turnContext, memory, cancellationToken);
    }

    public async Task ContinueAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var memory = await _memory.GetAsync(turnContext, () => new DialogMemory(), cancellationToken);
        var intent = TurnIntent.Read(turnContext)
            ?? (string.IsNullOrWhiteSpace(activity.Text) ? null : _classifier.Classify(activity.Text));
        var catalog = Catalog;
        var isCommand = new[] { CommandWords.Cancel, CommandWords.Help, CommandWords.Yes, CommandWords.No }.Any(w => catalog.IsWord(w, activity.Text));
        var language = ResolveLanguage(memory, activity, isCommand ? null : intent);
        await new TurnScope(this, turnContext, memory, catalog, intent, language).Router.RunAsync(cancellationToken);
        await _memory.SetAsync(turnContext, memory, cancellationToken);
    }

    /// <summary>Tells the customer how the hand-off goes (a <see cref="HandoffEventNames.HandoffStatus"/> event from the agent desk).</summary>
    public async Task HandoffStatusAsync(ITurnContext turnContext, HandoffStatus status, CancellationToken cancellationToken)
    {
        var memory = await _memory.GetAsync(turnContext, () => new DialogMemory(), cancellationToken);
        var language = memory.Language ?? ResolveLanguage(memory, turnContext.Activity, null);
        await new TurnScope(this, turnContext, memory, Catalog, null, language).Handoff.StatusAsync(status, cancellationToken);
        await _memory.SetAsync(turnContext, memory, cancellationToken);
    }

    /// <summary>A customer message while the conversation waits for an agent.</summary>
    public async Task WhileQueuedAsync(ITurnContext turnContext, HandoffRecord record, CancellationToken cancellationToken)
    {
        var memory = await _memory.GetAsync(turnContext, () => new DialogMemory(), cancellationToken);
        var language = memory.Language ?? ResolveLanguage(memory, turnContext.Activity, null);
        await new TurnScope(this, turnContext, memory, Catalog, null, language).Handoff.WhileQueuedAsync(record, cancellationToken);
        await _memory.SetAsync(turnContext, memory, cancellationToken);
    }

    /// <summary>The conversation's memory as last stored, for other parts of the bot (the handoff rules, tests).</summary>
    public Task<DialogMemory> MemoryAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        _memory.GetAsync(turnContext, () => new DialogMemory(), cancellationToken);

    /// <summary>
    /// The language to answer in: the widget's locale to begin with and whenever the customer picks another one
    /// (which then sticks); otherwise the language the customer writes in, when the message says enough to tell.
    /// Only messages the classifier understood count (garbage or a pasted error message says nothing about the
    /// customer), and command words ("cancel", "ok") are left out: customers type them in English whatever their language.
    /// </summary>
    internal static string ResolveLanguage(DialogMemory memory, Activity activity, IntentResult? intent)
    {
        var localeLanguage = string.IsNullOrWhiteSpace(activity.Locale) ? null : Languages.FromLocale(activity.Locale);
        if (memory.Language is null)
        {
            memory.Language = localeLanguage ?? Languages.English;
            memory.Locale = activity.Locale;
        }
        else if (localeLanguage is not null && localeLanguage != Languages.FromLocale(memory.Locale))
        {
            memory.Locale = activity.Locale;
            memory.Language = localeLanguage;
            memory.LanguageChosen = true;
        }

        if (!memory.LanguageChosen && intent is { IsOutOfScope: false, Language: { Length: > 0 } detected } && Languages.All.Contains(detected)
            && detected != memory.Language && SaysEnoughToTell(activity.Text, detected))
        {
            memory.Language = detected;
        }

        return memory.Language;
    }

    // "ok" or "ORD-10001" in a Thai conversation is not a switch to English: Latin text must have words of its own.
    private static bool SaysEnoughToTell(string? text, string detected) =>
        text is not null && (detected != Languages.English
            || text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Where(w => !w.Any(char.IsDigit) && !w.Contains('@'))
                .Sum(w => w.Count(char.IsLetter)) >= 4);
}
