namespace SupportBot.Intents;

/// <summary>One labelled utterance, as a line of a training file says it.</summary>
public sealed record IntentExample(string Text, string Intent, string? Language, string Source, int Line);
