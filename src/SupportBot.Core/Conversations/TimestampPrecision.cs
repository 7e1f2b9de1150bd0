namespace SupportBot.Conversations;

/// <summary>
/// Log timestamps step in whole milliseconds: JavaScript dates (and so Web Chat's ordering) see no finer,
/// so two activities a microsecond apart would look simultaneous to the widget.
/// </summary>
internal static class TimestampPrecision
{
    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
}
