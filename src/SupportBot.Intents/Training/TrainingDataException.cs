namespace SupportBot.Intents;

/// <summary>A training file is unusable; the message names the file and line.</summary>
public sealed class TrainingDataException(string message) : Exception(message);
