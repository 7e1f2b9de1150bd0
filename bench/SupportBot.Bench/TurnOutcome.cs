namespace SupportBot.Bench;

internal enum TurnResult
{
    Replied,

    /// <summary>The POST answered non-2xx or the request failed on the wire.</summary>
    HttpError,

    /// <summary>The conversation's WebSocket closed or failed before the reply came.</summary>
    SocketError,

    /// <summary>No reply within the turn timeout, or still none when the run's drain period ended.</summary>
    Timeout,
}

/// <summary>How one turn ended; <see cref="LatencyMs"/> is meaningful only when the bot replied.</summary>
internal readonly record struct TurnOutcome(TurnResult Result, double LatencyMs, long FinishedAt);
