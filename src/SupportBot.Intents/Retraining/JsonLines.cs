using System.Text.Encodings.Web;
using System.Text.Json;

namespace SupportBot.Retraining;

/// <summary>
/// The JSONL files of the retraining loop (exports, datasets, conflicts): one object a line, written for people
/// to read and diff, so Thai, Russian and Arabic text stays as it is instead of \u escapes.
/// </summary>
public static class JsonLines
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Line<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";
}
