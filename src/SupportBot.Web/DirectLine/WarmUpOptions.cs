namespace SupportBot.Web.DirectLine;

/// <summary>Section "WarmUp": the turns a new process runs on a throwaway copy of itself before it listens.</summary>
public sealed class WarmUpOptions
{
    public const string Section = "WarmUp";

    /// <summary>How many customer turns to run in process; 0 starts the server cold (and runs none over HTTP either).</summary>
    public int Turns { get; set; } = 4000;

    /// <summary>
    /// How many more turns then go over HTTP and WebSockets to the copy, listening on a loopback port of its own: widget
    /// sessions, conversations started, streams opened, activities posted, replies read. They compile the server's
    /// HTTP path (Kestrel, middleware, endpoints, the stream), which turns in process never reach.
    /// </summary>
    public int HttpTurns { get; set; } = 1000;

    /// <summary>The most the warm-up (its turns, then the wait for the compiler) may hold up the start, whatever is left of <see cref="Turns"/>.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromSeconds(30);
}
