namespace SupportBot.Dialogs;

/// <summary>A file under dialogs/ is invalid; the message names the file and, where known, the line.</summary>
public sealed class DialogFileException(string file, int? line, string problem)
    : Exception(line is null ? $"{file}: {problem}" : $"{file}({line}): {problem}")
{
    public string File { get; } = file;

    public int? Line { get; } = line;
}
