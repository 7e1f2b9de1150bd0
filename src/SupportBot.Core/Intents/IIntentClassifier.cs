namespace SupportBot.Intents;

/// <summary>Tells what a customer's message asks for. Thread-safe; the model behind it may change while serving.</summary>
public interface IIntentClassifier
{
    IntentResult Classify(string? text);
}
