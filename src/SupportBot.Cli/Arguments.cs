namespace SupportBot.Cli;

/// <summary>"--name value" options (repeatable), "--flag" switches and bare words, as the verbs take them.</summary>
internal sealed class Arguments
{
    private static readonly HashSet<string> FileLists = new(StringComparer.Ordinal) { "data", "base", "transcripts", "eval" };

    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Words { get; } = [];

    public static Arguments Parse(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        var parsed = new Arguments();
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null && parsed.All(pending).Count == 0)
                {
                    throw new UsageException($"--{pending} needs a value.");
                }

                pending = null;

                var name = arg[2..];
                if (flags.Contains(name))
                {
                    parsed._flags.Add(name);
                }
                else
                {
                    pending = name;
                }
            }
            else if (pending is not null)
            {
                if (!parsed._options.TryGetValue(pending, out var values))
                {
                    parsed._options[pending] = values = [];
                }

                values.Add(arg);
                pending = FileLists.Contains(pending) ? pending : null; // these take several files: --data a.jsonl b.jsonl
            }
            else
            {
                parsed.Words.Add(arg);
            }
        }

        if (pending is not null && parsed.All(pending).Count == 0)
        {
            throw new UsageException($"--{pending} needs a value.");
        }

        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public IReadOnlyList<string> All(string name) => _options.TryGetValue(name, out var values) ? values : [];

    public string? Optional(string name) => All(name) is [.., var last] ? last : null;

    public string Required(string name) => Optional(name) ?? throw new UsageException($"--{name} is required.");

    public int Int(string name, int fallback) =>
        Optional(name) is { } value ? (int.TryParse(value, out var n) ? n : throw new UsageException($"--{name} must be a whole number.")) : fallback;

    public double Double(string name, double fallback) =>
        Optional(name) is { } value
            ? (double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException($"--{name} must be a number."))
            : fallback;

    public IReadOnlyCollection<string> Names => _options.Keys;
}

internal sealed class UsageException(string message) : Exception(message);
