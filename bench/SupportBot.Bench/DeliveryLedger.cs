using System.Diagnostics;

namespace SupportBot.Bench;

/// <summary>
/// The messages of one direction (customer→agent or agent→customer) on their way: each is booked by its unique
/// text with the Stopwatch timestamp of its send, and struck off when the other side sees it. Only messages sent
/// from <see cref="MeasureFrom"/> on count (none until it is set); one that arrives later than <see cref="Timeout"/>
/// counts as a timeout.
/// </summary>
internal sealed class DeliveryLedger
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _inFlight = new(StringComparer.Ordinal);
    private readonly List<double> _latenciesMs = [];
    private long _lateArrivals;

    /// <summary>Stopwatch timestamp of the end of the warmup; set once, before the measured sends.</summary>
    public long MeasureFrom { get; set; } = long.MaxValue;

    public void Sent(string text, long sentAt)
    {
        lock (_gate)
        {
            _inFlight[text] = sentAt;
        }
    }

    /// <summary>The send failed: the message will not arrive and is neither a delivery nor a timeout.</summary>
    public void Forget(string text)
    {
        lock (_gate)
        {
            _inFlight.Remove(text);
        }
    }

    public void Arrived(string text, long arrivedAt)
    {
        lock (_gate)
        {
            if (!_inFlight.Remove(text, out var sentAt) || sentAt < MeasureFrom)
            {
                return;
            }

            var latency = Stopwatch.GetElapsedTime(sentAt, arrivedAt);
            if (latency > Timeout)
            {
                _lateArrivals++;
            }
            else
            {
                _latenciesMs.Add(latency.TotalMilliseconds);
            }
        }
    }

    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight.Count;
            }
        }
    }

    /// <summary>Measured messages that arrived too late or not at all; call once sending has stopped.</summary>
    public long Timeouts()
    {
        lock (_gate)
        {
            return _lateArrivals + _inFlight.Values.Count(sentAt => sentAt >= MeasureFrom);
        }
    }

    public List<double> LatenciesMs()
    {
        lock (_gate)
        {
            return [.. _latenciesMs];
        }
    }
}
