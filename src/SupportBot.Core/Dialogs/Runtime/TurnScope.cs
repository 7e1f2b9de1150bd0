using SupportBot.Builder;
using SupportBot.Intents;
using SupportBot.Localization;
using SupportBot.Schema;

namespace SupportBot.Dialogs;

/// <summary>
/// One turn through the dialogs: what the customer sent (text, button, what the classifier understood), the
/// conversation's memory, and the parts that each do one job with it. Nothing here changes during the turn except
/// the memory; what one part decides reaches the next as a return value or a <see cref="RunMode"/>.
/// </summary>
internal sealed class TurnScope
{
    public TurnScope(DialogEngine engine, ITurnContext turn, DialogMemory memory, DialogCatalog catalog, IntentResult? intent, string language)
    {
        Engine = engine;
        Turn = turn;
        Memory = memory;
        Catalog = catalog;
        Intent = intent;
        Language = language;
        Text = turn.Activity.Text?.Trim();
        Button = DialogReplies.ReadButton(turn.Activity.Value);
        Router = new TurnRouter(this);
        Steps = new StepRunner(this);
        Topics = new TopicStack(this);
        Questions = new PendingQuestions(this);
        Survey = new SurveyQuestions(this);
        Handoff = new TurnHandoff(this);
    }

    public DialogEngine Engine { get; }

    public ITurnContext Turn { get; }

    public Activity Activity => Turn.Activity;

    public DialogMemory Memory { get; }

    public DialogCatalog Catalog { get; }

    /// <summary>What the classifier made of the message; null for events and for messages without text.</summary>
    public IntentResult? Intent { get; }

    public string Language { get; }

    public string? Text { get; }

    public (string Kind, string? Intent, bool? Yes)? Button { get; }

    public TurnRouter Router { get; }

    public StepRunner Steps { get; }

    public TopicStack Topics { get; }

    public PendingQuestions Questions { get; }

    public SurveyQuestions Survey { get; }

    public TurnHandoff Handoff { get; }

    public string Message(string key) => Catalog.Message(key, Language);

    /// <summary>The customer's yes or no, by button or by word; null when the message is neither.</summary>
    public bool? YesOrNo() =>
        Button is { Kind: DialogValues.Answer, Yes: { } yes } ? yes
        : Button is not null ? null
        : Catalog.IsWord(CommandWords.Yes, Text) ? true
        : Catalog.IsWord(CommandWords.No, Text) ? false
        : null;

    public string Fill(string text, DialogFrame frame) =>
        TextTemplate.Fill(text, name => (frame.Values.GetValueOrDefault(name) ?? Memory.Slots.GetValueOrDefault(name)) is { } value
            ? LocalFormats.Isolate(value, Language)
            : null);

    public Task SayAsync(string text, CancellationToken ct) => Turn.SendActivityAsync(DialogReplies.Text(text, Language), ct);

    public Task SendAsync(Activity activity, CancellationToken ct) => Turn.SendActivityAsync(activity, ct);

    /// <summary>A message with the topic buttons that <paramref name="suggestionsKey"/>'s message suggests.</summary>
    public Task SendWithTopicsAsync(string text, string suggestionsKey, CancellationToken ct) =>
        Turn.SendActivityAsync(DialogReplies.WithTopics(text, Language, Catalog.Suggestions(suggestionsKey), Catalog), ct);
}

/// <summary>
/// How the steps run on from here: the customer's message still answers the first open question (the dialog
/// restarted under it), the next question waits without being asked again (a call forgot a slot and its message
/// already asked), no "did that help?" at the end (the dialog had to ask again).
/// </summary>
internal readonly record struct RunMode(bool AnswerWaiting, bool WaitQuietly, bool SkipFeedback)
{
    public static RunMode Fresh => default;
}
