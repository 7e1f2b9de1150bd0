using SupportBot.Localization;

namespace SupportBot.Orders;

public enum OrderStatus
{
    Processing,
    Shipped,
    Delivered,
    Cancelled,
}

public enum RefundStatus
{
    Pending,
    Refunded,
}

/// <summary>A refund: when pending, <see cref="Date"/> is when it is expected; when refunded, when it was paid.</summary>
public sealed record Refund(RefundStatus Status, decimal Amount, DateOnly Date);

/// <summary>An order as the support desk sees it.</summary>
public sealed record Order(
    string Number,
    OrderStatus Status,
    DateOnly Placed,
    DateOnly? Eta,
    DateOnly? Delivered,
    string? Carrier,
    string? Tracking,
    decimal Total,
    string Currency,
    IReadOnlyList<LocalizedText> Items,
    string Address,
    Refund? Refund);
