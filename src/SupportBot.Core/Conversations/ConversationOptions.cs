namespace SupportBot.Conversations;

public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>How long a conversation's activity log and uploads are kept after its last activity.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromDays(7);
}
