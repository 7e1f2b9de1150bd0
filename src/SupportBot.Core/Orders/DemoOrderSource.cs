using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Localization;
using SupportBot.State;

namespace SupportBot.Orders;

/// <summary>
/// The demo store's orders: read from demo/orders.json, with dates relative to today so the demo never goes
/// stale. Cancellations and address changes are kept in the state store (Redis when configured), so every server
/// process sees them and they survive a restart; the file itself is never written.
/// </summary>
public sealed class DemoOrderSource : IOrderSource
{
    private const int RefundBusinessDays = 7;
    private readonly Dictionary<string, DemoOrder> _orders;
    private readonly string _currency;
    private readonly IStorage _storage;
    private readonly TimeProvider _time;
    private readonly TimeSpan _latency;

    public DemoOrderSource(string path, IStorage storage, TimeProvider time, TimeSpan latency)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No demo orders at {path} (set Orders:DemoDataPath).", path);
        }

        DemoFile file;
        try
        {
            file = JsonSerializer.Deserialize<DemoFile>(File.ReadAllText(path), Json) ?? throw new JsonException("the file is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a demo order file: {ex.Message}", ex);
        }

        _orders = file.Orders.ToDictionary(o => o.Number, StringComparer.OrdinalIgnoreCase);
        _currency = file.Currency;
        _storage = storage;
        _time = time;
        _latency = latency;
    }

    private static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public async Task<Order?> FindAsync(string number, CancellationToken cancellationToken = default)
    {
        if (_latency > TimeSpan.Zero)
        {
            await Task.Delay(_latency, _time, cancellationToken);
        }

        return (await ReadAsync(number, cancellationToken))?.Order;
    }

    public async Task<(CancelOutcome Outcome, Order? Order)> CancelAsync(string number, CancellationToken cancellationToken = default)
    {
        var current = await ReadAsync(number, cancellationToken);
        if (current is not var (demo, order, changes))
        {
            return (CancelOutcome.NotFound, null);
        }

        switch (order.Status)
        {
            case OrderStatus.Cancelled: return (CancelOutcome.AlreadyCancelled, order);
            case OrderStatus.Shipped or OrderStatus.Delivered: return (CancelOutcome.TooLate, order);
        }

        var today = Today;
        changes["status"] = nameof(OrderStatus.Cancelled);
        changes["refund"] = new JsonObject
        {
            ["status"] = nameof(RefundStatus.Pending),
            ["amount"] = order.Total,
            ["date"] = today.AddDays(RefundBusinessDays).ToString("O"),
        };
        await _storage.WriteAsync(new Dictionary<string, JsonObject> { [Key(order.Number)] = changes }, cancellationToken);
        return (CancelOutcome.Cancelled, demo.ToOrder(today, _currency, changes));
    }

    public async Task<(AddressChangeOutcome Outcome, Order? Order)> ChangeAddressAsync(string number, string address, CancellationToken cancellationToken = default)
    {
        var current = await ReadAsync(number, cancellationToken);
        if (current is not var (demo, order, changes))
        {
            return (AddressChangeOutcome.NotFound, null);
        }

        switch (order.Status)
        {
            case OrderStatus.Cancelled: return (AddressChangeOutcome.Cancelled, order);
            case OrderStatus.Shipped or OrderStatus.Delivered: return (AddressChangeOutcome.TooLate, order);
        }

        changes["address"] = address;
        await _storage.WriteAsync(new Dictionary<string, JsonObject> { [Key(order.Number)] = changes }, cancellationToken);
        return (AddressChangeOutcome.Changed, demo.ToOrder(Today, _currency, changes));
    }

    private DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    private static string Key(string number) => $"demo-orders/{number.ToUpperInvariant()}";

    /// <summary>The order with the changes made to it so far; the changes object carries its eTag for the next write.</summary>
    private async Task<(DemoOrder Demo, Order Order, JsonObject Changes)?> ReadAsync(string number, CancellationToken cancellationToken)
    {
        if (!_orders.TryGetValue(number, out var demo))
        {
            return null;
        }

        var key = Key(demo.Number);
        var stored = await _storage.ReadAsync([key], cancellationToken);
        var changes = stored.TryGetValue(key, out var found) ? found : [];
        return (demo, demo.ToOrder(Today, _currency, changes), changes);
    }

    private sealed record DemoFile(string Currency, List<DemoOrder> Orders);

    private sealed record DemoRefund(string Status, decimal Amount, int? EtaInDays, int? DaysAgo);

    private sealed record DemoOrder(
        string Number, string Status, int PlacedDaysAgo, int? EtaInDays, int? DeliveredDaysAgo, string? Carrier, string? Tracking,
        decimal Total, List<Dictionary<string, string>> Items, string Address, DemoRefund? Refund)
    {
        public Order ToOrder(DateOnly today, string currency, JsonObject changes)
        {
            var status = Enum.Parse<OrderStatus>((string?)changes["status"] ?? Status, ignoreCase: true);
            var refund = changes["refund"] is JsonObject changed
                ? new Refund(Enum.Parse<RefundStatus>((string)changed["status"]!), (decimal)changed["amount"]!, DateOnly.Parse((string)changed["date"]!))
                : Refund is null ? null
                : new Refund(
                    Enum.Parse<RefundStatus>(Refund.Status, ignoreCase: true), Refund.Amount,
                    today.AddDays(Refund.EtaInDays ?? -(Refund.DaysAgo ?? 0)));
            return new Order(
                Number, status, today.AddDays(-PlacedDaysAgo),
                EtaInDays is { } eta ? today.AddDays(eta) : null,
                DeliveredDaysAgo is { } delivered ? today.AddDays(-delivered) : null,
                Carrier, Tracking, Total, currency,
                [.. Items.Select(i => new LocalizedText(i))],
                (string?)changes["address"] ?? Address, refund);
        }
    }
}
