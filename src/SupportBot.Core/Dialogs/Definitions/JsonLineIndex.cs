using System.Text.Json;

namespace SupportBot.Dialogs;

/// <summary>
/// The line each value of a JSON file starts on, by JSON Pointer ("/steps/0/say/th"), so a problem found after
/// parsing can still name its line.
/// </summary>
internal sealed class JsonLineIndex
{
    private readonly Dictionary<string, int> _lines;

    private JsonLineIndex(Dictionary<string, int> lines) => _lines = lines;

    /// <summary>The line of <paramref name="pointer"/>, or of its nearest ancestor that has one.</summary>
    public int LineOf(string pointer)
    {
        while (!_lines.ContainsKey(pointer) && pointer.Length > 0)
        {
            pointer = pointer[..pointer.LastIndexOf('/')];
        }

        return _lines.GetValueOrDefault(pointer, 1);
    }

    /// <summary>Indexes a file that has already parsed; a syntax error here surfaces as the parser's own.</summary>
    public static JsonLineIndex Build(byte[] json)
    {
        var newlines = new List<long>();
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                newlines.Add(i);
            }
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var containers = new List<Container>();
        string? property = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        while (reader.Read())
        {
            var found = newlines.BinarySearch(reader.TokenStartIndex);
            var line = (found < 0 ? ~found : found) + 1;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    lines.TryAdd($"{containers[^1].Pointer}/{property}", line);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var pointer = ValuePointer();
                    lines.TryAdd(pointer, line);
                    containers.Add(new Container(pointer, reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    containers.RemoveAt(containers.Count - 1);
                    break;
                default:
                    lines.TryAdd(ValuePointer(), line);
                    break;
            }
        }

        return new JsonLineIndex(lines);

        string ValuePointer()
        {
            if (containers.Count == 0)
            {
                return "";
            }

            var parent = containers[^1];
            return parent.IsArray ? $"{parent.Pointer}/{parent.NextIndex++}" : $"{parent.Pointer}/{property}";
        }
    }

    private sealed class Container(string pointer, bool isArray)
    {
        public string Pointer { get; } = pointer;

        public bool IsArray { get; } = isArray;

        public int NextIndex { get; set; }
    }
}
