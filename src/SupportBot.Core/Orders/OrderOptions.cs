namespace SupportBot.Orders;

public sealed class OrderOptions
{
    public const string Section = "Orders";

    /// <summary>The demo order source's data; relative paths start at the content root.</summary>
    public string DemoDataPath { get; set; } = "../../demo/orders.json";

    /// <summary>
    /// How order numbers are recognised in what customers type. The "digits" group becomes the number; the
    /// "prefix" group, when present, marks it as certainly an order number even inside a longer message.
    /// </summary>
    public string NumberPattern { get; set; } =
        @"(?<![A-Za-z\p{N}])(?<prefix>(?:(?:ord(?:er)?|заказ\w*|คำสั่งซื้อ|ออเดอร์|طلب\w*)[\s:.-]*(?:no\.?|number|номер|หมายเลข|เลขที่|رقم)?[\s#:№.-]*|[#№]\s*))?(?<digits>\d{5})(?!\p{N})";

    /// <summary>How a recognised number is written back; {digits} is replaced.</summary>
    public string NumberFormat { get; set; } = "ORD-{digits}";

    /// <summary>A pause before each demo lookup, as a real order system would take (the typing indicator shows meanwhile).</summary>
    public TimeSpan LookupLatency { get; set; } = TimeSpan.FromMilliseconds(400);
}
