using SupportBot.Intents;

namespace SupportBot.Handoff.Escalation;

/// <summary>
/// What the dialog runtime hands over when a turn escalates: why, what the classifier made of the message, the
/// customer's language and the answers given so far, the conversation's <see cref="HandoffMemory"/>, and the
/// dialog files' wording of a message key in the customer's language.
/// </summary>
public sealed record EscalationRequest(
    string Reason, IntentResult? Intent, string Language, IReadOnlyDictionary<string, string> Slots, HandoffMemory Memory, Func<string, string> Message);
