namespace SupportBot.Handoff.Desk;

/// <summary>
/// The checks every identifier a console sends goes through before the desk looks anything up with it: present,
/// and short enough that no store lookup, log line or error message ever carries a huge one.
/// </summary>
public static class DeskArguments
{
    public const int MaxIdLength = 128;

    public static DeskRefusal? Id(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? BadArgument($"{what} is required.")
        : value.Length > MaxIdLength ? BadArgument($"{what} is longer than {MaxIdLength} characters.")
        : null;

    /// <summary>The same for an identifier that may be left out (null or blank means "none").</summary>
    public static DeskRefusal? OptionalId(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? null : Id(value, what);

    public static DeskRefusal BadArgument(string message) => new(DeskCodes.BadArgument, message);
}
