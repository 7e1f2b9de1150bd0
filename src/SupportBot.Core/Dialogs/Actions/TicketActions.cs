using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;

namespace SupportBot.Dialogs;

/// <summary>The action the leave_message dialog calls: the customer's message becomes a ticket agents see.</summary>
public sealed class TicketActions(ITicketStore tickets, IAgentNotifier notifier, TimeProvider clock) : IDialogAction
{
    public const string Create = "tickets.create";
    public const string EmailSlot = "email";
    public const string MessageSlot = "message";
    public const string Created = "created";

    public static ActionDescriptor CreateDescriptor { get; } = new(Create, [EmailSlot, MessageSlot], new Dictionary<string, IReadOnlyList<string>>
    {
        [Created] = ["ticket"],
    });

    public ActionDescriptor Descriptor => CreateDescriptor;

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var ticket = await tickets.CreateAsync(new Ticket
        {
            ConversationId = context.ConversationId,
            Email = context.Slots[EmailSlot],
            Message = context.Slots[MessageSlot],
            Language = context.Language,
            Reason = context.Memory.Handoff.UnavailableReason,
            CreatedAt = clock.GetUtcNow(),
        }, cancellationToken);
        context.Memory.Handoff.UnavailableReason = null;
        await notifier.TicketCreatedAsync(ticket, cancellationToken);

        // The message is used up: leaving another one later asks for it afresh (the email is kept).
        return ActionResult.Of(Created, new Dictionary<string, string> { ["ticket"] = ticket.Id }) with { ConsumedSlots = [MessageSlot] };
    }
}
