namespace SupportBot.Dialogs;

/// <summary>
/// What a dialog file may rely on when it calls an action: the slots it needs, the outcomes it reports and the
/// values each outcome provides. The loader checks files against this, so a typo fails at startup, not mid-chat.
/// </summary>
public sealed record ActionDescriptor(
    string Name,
    IReadOnlyList<string> RequiredSlots,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Outcomes);

/// <summary>
/// What the action found: the outcome, values for the messages, slots the customer should give again, and slots
/// it used up (a message left for agents is not the answer to the next "leave a message").
/// </summary>
public sealed record ActionResult(string Outcome, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> ForgetSlots)
{
    public IReadOnlyList<string> ConsumedSlots { get; init; } = [];

    public static ActionResult Of(string outcome, IReadOnlyDictionary<string, string>? values = null, params string[] forget) =>
        new(outcome, values ?? new Dictionary<string, string>(), forget);
}

/// <summary>What an action may know about the turn that calls it.</summary>
public sealed record ActionContext(IReadOnlyDictionary<string, string> Slots, string Language, string ConversationId, DialogMemory Memory);

/// <summary>Something a dialog can do besides talk: look an order up, cancel it, ...</summary>
public interface IDialogAction
{
    ActionDescriptor Descriptor { get; }

    Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken);
}
