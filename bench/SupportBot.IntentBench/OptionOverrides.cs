using System.Globalization;
using System.Reflection;
using SupportBot.Intents;

namespace SupportBot.IntentBench;

/// <summary>"--set Name=Value" for any IntentTrainerOptions setting, so a candidate can be measured without a rebuild.</summary>
internal static class OptionOverrides
{
    private static readonly PropertyInfo[] Settings = typeof(IntentTrainerOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    public static IntentTrainerOptions? Apply(IntentTrainerOptions options, string assignment)
    {
        var parts = assignment.Split('=', 2);
        var property = parts.Length == 2 ? Settings.FirstOrDefault(p => p.Name.Equals(parts[0], StringComparison.OrdinalIgnoreCase)) : null;
        if (property is null)
        {
            return null;
        }

        object value;
        try
        {
            value = Convert.ChangeType(parts[1], property.PropertyType, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }

        var copy = options with { };
        property.SetValue(copy, value);
        return copy;
    }

    public static Dictionary<string, string> Describe(IntentTrainerOptions options) =>
        Settings.ToDictionary(p => p.Name, p => Convert.ToString(p.GetValue(options), CultureInfo.InvariantCulture) ?? "");
}
