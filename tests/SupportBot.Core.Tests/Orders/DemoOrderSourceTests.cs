using Microsoft.Extensions.Time.Testing;
using SupportBot.Orders;
using SupportBot.State;

namespace SupportBot.Tests.Orders;

public class DemoOrderSourceTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly string OrdersFile = Path.Combine(RepositoryPaths.Root, "demo", "orders.json");
    private readonly MemoryStorage _storage = new();

    [Fact]
    public async Task AProcessingOrderHasItsDatesCountedFromToday()
    {
        var order = await Source().FindAsync("ORD-10001");

        Assert.NotNull(order);
        Assert.Equal(OrderStatus.Processing, order.Status);
        Assert.Equal(Today.AddDays(-1), order.Placed);
        Assert.Equal(Today.AddDays(4), order.Eta);
        Assert.Null(order.Carrier);
        Assert.Equal(59.80m, order.Total);
        Assert.Equal("USD", order.Currency);
        Assert.Equal(["Wireless earbuds", "Silicone phone case"], order.Items.Select(i => i["en"]));
        Assert.Equal("หูฟังไร้สาย", order.Items[0]["th"]);
    }

    [Fact]
    public async Task AShippedOrderHasItsCarrierAndTrackingNumber()
    {
        var order = await Source().FindAsync("ORD-10002");

        Assert.Equal(OrderStatus.Shipped, order!.Status);
        Assert.Equal("Kerry Express", order.Carrier);
        Assert.Equal("KEXBK0042718365", order.Tracking);
        Assert.Equal(Today.AddDays(2), order.Eta);
    }

    [Fact]
    public async Task ADeliveredOrderSaysWhenItArrived()
    {
        var order = await Source().FindAsync("ORD-10003");

        Assert.Equal(OrderStatus.Delivered, order!.Status);
        Assert.Equal(Today.AddDays(-5), order.Delivered);
        Assert.Null(order.Refund);
    }

    [Fact]
    public async Task RefundsArePendingUntilTheirDateOrPaidOnIt()
    {
        var source = Source();

        var pending = (await source.FindAsync("ORD-10004"))!;
        var paid = (await source.FindAsync("ORD-10005"))!;

        Assert.Equal(OrderStatus.Cancelled, pending.Status);
        Assert.Equal(new Refund(RefundStatus.Pending, 89.00m, Today.AddDays(3)), pending.Refund);
        Assert.Equal(new Refund(RefundStatus.Refunded, 169.90m, Today.AddDays(-6)), paid.Refund);
    }

    [Fact]
    public async Task DatesMoveWithTheClockSoTheDemoNeverGoesStale()
    {
        var clock = Clock(new DateOnly(2030, 1, 1));

        var order = await new DemoOrderSource(OrdersFile, _storage, clock, TimeSpan.Zero).FindAsync("ORD-10001");

        Assert.Equal(new DateOnly(2030, 1, 5), order!.Eta);
    }

    [Fact]
    public async Task AnUnknownNumberIsNotFound()
    {
        var source = Source();

        Assert.Null(await source.FindAsync("ORD-99999"));
        Assert.Equal((CancelOutcome.NotFound, null), await source.CancelAsync("ORD-99999"));
        Assert.Equal((AddressChangeOutcome.NotFound, null), await source.ChangeAddressAsync("ORD-99999", "1 Main Street, Bangkok 10110"));
    }

    [Fact]
    public async Task CancellingAProcessingOrderIsKeptInTheStorageWithAPendingRefund()
    {
        var (outcome, cancelled) = await Source().CancelAsync("ORD-10006");

        Assert.Equal(CancelOutcome.Cancelled, outcome);
        Assert.Equal(OrderStatus.Cancelled, cancelled!.Status);
        var seenByAnotherProcess = await Source().FindAsync("ORD-10006");
        Assert.Equal(OrderStatus.Cancelled, seenByAnotherProcess!.Status);
        Assert.Equal(RefundStatus.Pending, seenByAnotherProcess.Refund!.Status);
        Assert.Equal(249.00m, seenByAnotherProcess.Refund.Amount);
        Assert.True(seenByAnotherProcess.Refund.Date > Today);
    }

    [Fact]
    public async Task ACancellationDoesNotLeakIntoAnotherStorage()
    {
        await Source().CancelAsync("ORD-10006");

        var elsewhere = await new DemoOrderSource(OrdersFile, new MemoryStorage(), Clock(Today), TimeSpan.Zero).FindAsync("ORD-10006");

        Assert.Equal(OrderStatus.Processing, elsewhere!.Status);
    }

    [Theory]
    [InlineData("ORD-10002", CancelOutcome.TooLate, OrderStatus.Shipped)]
    [InlineData("ORD-10003", CancelOutcome.TooLate, OrderStatus.Delivered)]
    [InlineData("ORD-10004", CancelOutcome.AlreadyCancelled, OrderStatus.Cancelled)]
    public async Task AnOrderThatLeftTheWarehouseOrWasCancelledCannotBeCancelled(string number, CancelOutcome expected, OrderStatus status)
    {
        var (outcome, order) = await Source().CancelAsync(number);

        Assert.Equal(expected, outcome);
        Assert.Equal(status, order!.Status);
        Assert.Equal(status, (await Source().FindAsync(number))!.Status);
    }

    [Fact]
    public async Task ANewAddressForAProcessingOrderIsKept()
    {
        const string newAddress = "99 Rama IV Road, Pathum Wan, Bangkok 10330, Thailand";

        var (outcome, order) = await Source().ChangeAddressAsync("ORD-10001", newAddress);

        Assert.Equal(AddressChangeOutcome.Changed, outcome);
        Assert.Equal(newAddress, order!.Address);
        Assert.Equal(newAddress, (await Source().FindAsync("ORD-10001"))!.Address);
        Assert.Equal(OrderStatus.Processing, order.Status);
    }

    [Fact]
    public async Task AnAddressChangeThenACancellationKeepsBoth()
    {
        const string newAddress = "99 Rama IV Road, Pathum Wan, Bangkok 10330, Thailand";
        await Source().ChangeAddressAsync("ORD-10001", newAddress);

        await Source().CancelAsync("ORD-10001");

        var order = await Source().FindAsync("ORD-10001");
        Assert.Equal(OrderStatus.Cancelled, order!.Status);
        Assert.Equal(newAddress, order.Address);
    }

    [Theory]
    [InlineData("ORD-10002", AddressChangeOutcome.TooLate)]
    [InlineData("ORD-10011", AddressChangeOutcome.Cancelled)]
    public async Task AnAddressCannotChangeOnceShippedOrCancelled(string number, AddressChangeOutcome expected)
    {
        var before = (await Source().FindAsync(number))!.Address;

        var (outcome, _) = await Source().ChangeAddressAsync(number, "99 Rama IV Road, Bangkok 10330");

        Assert.Equal(expected, outcome);
        Assert.Equal(before, (await Source().FindAsync(number))!.Address);
    }

    [Fact]
    public async Task ALookupWaitsForTheConfiguredLatency()
    {
        var clock = Clock(Today);
        var source = new DemoOrderSource(OrdersFile, _storage, clock, TimeSpan.FromMilliseconds(400));

        var lookup = source.FindAsync("ORD-10001");
        Assert.False(lookup.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(400));

        Assert.Equal("ORD-10001", (await lookup.WaitAsync(TimeSpan.FromSeconds(5)))!.Number);
    }

    [Fact]
    public void AMissingFileNamesTheSettingToFix()
    {
        var error = Assert.Throws<FileNotFoundException>(() => new DemoOrderSource("/nowhere/orders.json", _storage, TimeProvider.System, TimeSpan.Zero));

        Assert.Contains("Orders:DemoDataPath", error.Message, StringComparison.Ordinal);
    }

    private static FakeTimeProvider Clock(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));

    private DemoOrderSource Source() => new(OrdersFile, _storage, Clock(Today), TimeSpan.Zero);
}
