namespace SupportBot.Bench;

/// <summary>The server could not be reached or refused to start a conversation; the message names the URL.</summary>
internal sealed class BenchSetupException(string message, Exception? inner = null) : Exception(message, inner);
