namespace SupportBot.Orders;

public enum CancelOutcome
{
    Cancelled,
    TooLate,
    AlreadyCancelled,
    NotFound,
}

public enum AddressChangeOutcome
{
    Changed,
    TooLate,
    Cancelled,
    NotFound,
}

/// <summary>
/// Where the bot looks orders up and changes them. The project ships a demo source; a real store implements this
/// against its order system.
/// </summary>
public interface IOrderSource
{
    /// <summary>The order with this canonical number (see <see cref="OrderNumbers"/>), or null.</summary>
    Task<Order?> FindAsync(string number, CancellationToken cancellationToken = default);

    /// <summary>Cancels the order if it has not shipped yet.</summary>
    Task<(CancelOutcome Outcome, Order? Order)> CancelAsync(string number, CancellationToken cancellationToken = default);

    /// <summary>Sends the order to a new address if it has not shipped yet.</summary>
    Task<(AddressChangeOutcome Outcome, Order? Order)> ChangeAddressAsync(string number, string address, CancellationToken cancellationToken = default);
}
