namespace SupportBot.Web.Hosting;

/// <summary>
/// How much one conversation, one secret or one request may ask of the server (section "Limits"). The rate
/// defaults sit far above what Web Chat does: it refreshes its token every 15 minutes, sends a message or a typing
/// event every few seconds at most, and holds one socket, two for a moment while it reconnects.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>tokens/refresh calls per conversation a minute.</summary>
    public int TokenRefreshesPerMinute { get; set; } = 10;

    /// <summary>Activities (messages, events, uploads) posted to one conversation a minute.</summary>
    public int ActivitiesPerMinute { get; set; } = 120;

    /// <summary>Conversations started with the Direct Line secret a minute (tokens/generate and conversations with the secret), all callers together.</summary>
    public int ConversationsPerMinutePerSecret { get; set; } = 600;

    /// <summary>WebSocket streams open at once on one conversation, per server process.</summary>
    public int StreamsPerConversation { get; set; } = 3;

    /// <summary>Largest total size of a request's headers, in bytes; larger gets 431.</summary>
    public int MaxRequestHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>Most headers in one request; more gets 431.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>Longest request target (path and query), in characters; longer gets 414.</summary>
    public int MaxRequestTargetLength { get; set; } = 8 * 1024;
}
