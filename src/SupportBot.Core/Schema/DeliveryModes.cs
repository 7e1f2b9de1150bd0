namespace SupportBot.Schema;

/// <summary>
/// <c>deliveryMode</c> values: normally replies go to the channel's connector; <c>expectReplies</c> asks for them in
/// the HTTP answer to the activity instead.
/// </summary>
public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}
