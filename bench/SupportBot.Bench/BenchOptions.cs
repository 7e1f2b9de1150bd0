namespace SupportBot.Bench;

/// <summary>
/// Reads a benchmark's "--name value" options and "--json": a repeated option takes its last value, so a wrapper
/// script's defaults can be overridden. Problems go to stderr and give null.
/// </summary>
internal static class BenchOptions
{
    /// <param name="apply">The settings with one option applied, or null when the value is not valid for it.</param>
    public static T? Parse<T>(string[] options, T settings, IReadOnlyCollection<string> valued, Func<T, T> withJson, Func<T, string, string, T?> apply)
        where T : class
    {
        for (var i = 0; i < options.Length; i++)
        {
            var name = options[i];
            if (name == "--json")
            {
                settings = withJson(settings);
                continue;
            }

            if (!valued.Contains(name))
            {
                return Fail<T>($"Unknown option '{name}'.");
            }

            if (i + 1 >= options.Length)
            {
                return Fail<T>($"'{name}' needs a value.");
            }

            var value = options[++i];
            if (apply(settings, name, value) is not { } next)
            {
                return Fail<T>($"'{value}' is not a valid value for {name}.");
            }

            settings = next;
        }

        return settings;
    }

    private static T? Fail<T>(string message)
        where T : class
    {
        Console.Error.WriteLine(message);
        return null;
    }
}
