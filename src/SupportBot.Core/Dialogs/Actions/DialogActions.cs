
namespace SupportBot.Dialogs;

/// <summary>Every action a dialog file may call: what the loader checks dialog files against.</summary>
public static class DialogActions
{
    public static IReadOnlyList<ActionDescriptor> Descriptors { get; } = [.. OrderActions.Descriptors, TicketActions.CreateDescriptor];
}
