using SupportBot.Localization;
using SupportBot.Orders;

namespace SupportBot.Dialogs;

/// <summary>The actions dialogs can call on the order source, with the outcomes and values each one reports.</summary>
public static class OrderActions
{
    public const string Lookup = "orders.lookup";
    public const string Cancel = "orders.cancel";
    public const string ChangeAddress = "orders.changeAddress";
    public const string RefundStatus = "refunds.status";

    public const string OrderNumberSlot = "orderNumber";
    public const string AddressSlot = "address";
    public const string NotFound = "notFound";

    private static readonly string[] Basics = ["order.placed", "order.items", "order.total", "order.address"];

    public static IReadOnlyList<ActionDescriptor> Descriptors { get; } =
    [
        new(Lookup, [OrderNumberSlot], new Dictionary<string, IReadOnlyList<string>>
        {
            ["processing"] = [.. Basics, "order.eta"],
            ["shipped"] = [.. Basics, "order.eta", "order.carrier", "order.tracking"],
            ["delivered"] = [.. Basics, "order.delivered", "order.carrier", "order.tracking"],
            ["cancelled"] = Basics,
            [NotFound] = [],
        }),
        new(Cancel, [OrderNumberSlot], new Dictionary<string, IReadOnlyList<string>>
        {
            ["cancelled"] = ["order.total", "order.items"],
            ["tooLate"] = ["order.total", "order.items"],
            ["alreadyCancelled"] = ["order.total", "order.items"],
            [NotFound] = [],
        }),
        new(ChangeAddress, [OrderNumberSlot, AddressSlot], new Dictionary<string, IReadOnlyList<string>>
        {
            ["changed"] = ["order.address"],
            ["tooLate"] = ["order.address"],
            ["cancelled"] = ["order.address"],
            [NotFound] = [],
        }),
        new(RefundStatus, [OrderNumberSlot], new Dictionary<string, IReadOnlyList<string>>
        {
            ["refunded"] = ["refund.amount", "refund.date"],
            ["pending"] = ["refund.amount", "refund.eta"],
            ["none"] = [],
            [NotFound] = [],
        }),
    ];

    public static IReadOnlyList<IDialogAction> Create(IOrderSource orders) =>
    [
        new OrderAction(Descriptors[0], async (slots, language, ct) =>
        {
            var order = await orders.FindAsync(slots[OrderNumberSlot], ct);
            return order is null ? NotFoundResult : ActionResult.Of(Camel(order.Status.ToString()), Values(order, language));
        }),
        new OrderAction(Descriptors[1], async (slots, language, ct) =>
        {
            var (outcome, order) = await orders.CancelAsync(slots[OrderNumberSlot], ct);
            return order is null ? NotFoundResult : ActionResult.Of(Camel(outcome.ToString()), Values(order, language));
        }),
        new OrderAction(Descriptors[2], async (slots, language, ct) =>
        {
            var (outcome, order) = await orders.ChangeAddressAsync(slots[OrderNumberSlot], slots[AddressSlot], ct);
            return order is null ? NotFoundResult : ActionResult.Of(Camel(outcome.ToString()), Values(order, language));
        }),
        new OrderAction(Descriptors[3], async (slots, language, ct) =>
        {
            var order = await orders.FindAsync(slots[OrderNumberSlot], ct);
            if (order is null)
            {
                return NotFoundResult;
            }

            if (order.Refund is not { } refund)
            {
                return ActionResult.Of("none");
            }

            var values = new Dictionary<string, string> { ["refund.amount"] = LocalFormats.Money(refund.Amount, order.Currency) };
            values[refund.Status == Orders.RefundStatus.Refunded ? "refund.date" : "refund.eta"] = LocalFormats.Date(refund.Date, language);
            return ActionResult.Of(Camel(refund.Status.ToString()), values);
        }),
    ];

    // An unknown number is forgotten, so the next question about an order asks for it again.
    private static ActionResult NotFoundResult => ActionResult.Of(NotFound, null, OrderNumberSlot);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static Dictionary<string, string> Values(Order order, string language)
    {
        var values = new Dictionary<string, string>
        {
            ["order.placed"] = LocalFormats.Date(order.Placed, language),
            ["order.items"] = LocalFormats.List(order.Items.Select(i => i[language]), language),
            ["order.total"] = LocalFormats.Money(order.Total, order.Currency),
            ["order.address"] = order.Address,
        };
        Add(values, "order.eta", order.Eta, language);
        Add(values, "order.delivered", order.Delivered, language);
        if (order.Carrier is not null)
        {
            values["order.carrier"] = order.Carrier;
        }

        if (order.Tracking is not null)
        {
            values["order.tracking"] = order.Tracking;
        }

        return values;
    }

    private static void Add(Dictionary<string, string> values, string name, DateOnly? date, string language)
    {
        if (date is { } d)
        {
            values[name] = LocalFormats.Date(d, language);
        }
    }

    private sealed class OrderAction(ActionDescriptor descriptor, Func<IReadOnlyDictionary<string, string>, string, CancellationToken, Task<ActionResult>> run) : IDialogAction
    {
        public ActionDescriptor Descriptor => descriptor;

        public Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken) =>
            run(context.Slots, context.Language, cancellationToken);
    }
}
