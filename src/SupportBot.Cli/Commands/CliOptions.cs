using System.CommandLine;
using System.Globalization;
using StackExchange.Redis;

namespace SupportBot.Cli.Commands;

/// <summary>Options several verbs take, made one way: files, bounded numbers, dates, and where Redis is.</summary>
internal static class CliOptions
{
    public static Option<string> Text(string name, string description, string helpName, bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required };

    public static Option<string> Text(string name, string description, string helpName, string fallback) =>
        new(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => fallback };

    /// <summary>One or more files after one option: <c>--data a.jsonl b.jsonl</c> (the option may also repeat).</summary>
    public static Option<string[]> Files(string name, string description, bool required = false) =>
        new(name)
        {
            Description = description, HelpName = "file.jsonl", Required = required,
            Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true,
        };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    public static Option<int> Int(string name, string description, int fallback, int min = int.MinValue, int max = int.MaxValue, string? range = null) =>
        new(name)
        {
            Description = description, HelpName = "N", DefaultValueFactory = _ => fallback,
            CustomParser = result =>
            {
                var text = result.Tokens[^1].Value;
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    result.AddError($"{name} must be a whole number, not '{text}'.");
                }
                else if (value < min || value > max)
                {
                    result.AddError($"{name} is {range ?? (max == int.MaxValue ? $"at least {min}" : $"{min} to {max}")}; got {value}.");
                }

                return value;
            },
        };

    /// <summary>A number written the same way in every culture (5.5, not 5,5), optionally within <paramref name="rule"/>.</summary>
    public static Option<double> Number(string name, string description, double fallback, string helpName = "N", Func<double, bool>? valid = null, string? rule = null) =>
        new(name)
        {
            Description = description, HelpName = helpName, DefaultValueFactory = _ => fallback,
            CustomParser = result =>
            {
                var text = result.Tokens[^1].Value;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    result.AddError($"{name} must be a number, not '{text}'.");
                }
                else if (valid is not null && !valid(value))
                {
                    result.AddError($"{name} must be {rule}; got {text}.");
                }

                return value;
            },
        };

    public static Option<DateTimeOffset?> Date(string name, string description, bool required = false) =>
        new(name)
        {
            Description = description, HelpName = "date", Required = required,
            CustomParser = result =>
            {
                var text = result.Tokens[^1].Value;
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
                {
                    return value;
                }

                result.AddError($"{name} is a date or time (2026-11-01, 2026-11-01T09:00Z), not '{text}'.");
                return null;
            },
        };

    /// <summary>A comma-separated list (<c>--roles agent,supervisor</c>).</summary>
    public static Option<List<string>> List(string name, string description, string helpName, params string[] fallback) =>
        new(name)
        {
            Description = description, HelpName = helpName, DefaultValueFactory = _ => [.. fallback],
            CustomParser = result => [.. result.Tokens[^1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        };

    public static Option<string> Redis() => Text("--redis", "The Redis server (host:port, or a StackExchange.Redis configuration string).", "host:port", required: true);

    public static Option<string> Archive(bool required) => Text("--archive",
        "The conversation archive: a PostgreSQL connection string (Archive:ConnectionString, \"Host=...;Username=...\"), else the SQLite file (Archive:SqlitePath).",
        "archive", required);

    /// <summary>The archive <see cref="Archive"/> names: a connection string has '=' in it, a file path does not.</summary>
    public static SupportBot.Insights.Archive.SqlConversationArchive OpenArchive(string archive)
    {
        if (archive.Contains('=', StringComparison.Ordinal))
        {
            return new SupportBot.Insights.Archive.PostgresConversationArchive(archive, TimeProvider.System);
        }

        if (!File.Exists(archive))
        {
            throw new UsageException($"--archive: there is no SQLite archive at {Path.GetFullPath(archive)}.");
        }

        return new SupportBot.Insights.Archive.SqliteConversationArchive(archive, TimeProvider.System);
    }

    public static Option<string> Prefix() => Text("--prefix", "The key prefix the servers use (Redis:KeyPrefix).", "prefix", "sb:");

    public static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.ConnectTimeout = 3000;
        try
        {
            return ConnectionMultiplexer.Connect(options);
        }
        catch (RedisConnectionException e)
        {
            throw new InvalidOperationException($"Redis at {configuration} is not reachable: {e.Message}", e);
        }
    }
}
