using System.Diagnostics.Metrics;

namespace SupportBot.Metrics;

/// <summary>
/// The product's one <see cref="Meter"/> and its instruments, named after OpenTelemetry's conventions (dotted
/// lowercase names, UCUM units): what /metrics exports. Recording is lock-free and allocation-free, so it can sit on
/// the turn path; the desk's gauges report the <see cref="DeskReading"/> taken at the latest scrape.
/// </summary>
public sealed class SupportBotMetrics : IDisposable
{
    public const string MeterName = "SupportBot";

    public const string Turns = "supportbot.turns";
    public const string TurnDuration = "supportbot.turn.duration";
    public const string Handoffs = "supportbot.handoffs";
    public const string QueueLength = "supportbot.queue.length";
    public const string AgentsOnline = "supportbot.agents.online";
    public const string ArchiveLag = "supportbot.archive.lag";
    public const string ModelInfo = "supportbot.model.info";

    public const string ReasonTag = "reason";
    public const string VersionTag = "version";

    // From a quick greeting to a turn that waited its whole Conversations:TurnLockWait behind others.
    private static readonly double[] TurnBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Meter _meter;
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _handoffs;
    private readonly TimeProvider _clock;
    private volatile DeskReading? _desk;

    /// <param name="meterName">Another name for a copy of the server whose turns are not this server's to count (the warm-up's).</param>
    public SupportBotMetrics(TimeProvider clock, string meterName = MeterName)
    {
        _clock = clock;
        _meter = new Meter(meterName);
        _turns = _meter.CreateCounter<long>(Turns, "{turn}", "Turns the bot ran: one for each activity it answered.");
        _turnDuration = _meter.CreateHistogram(
            TurnDuration, "s", "From the activity's arrival to the end of the bot's turn, waiting for earlier turns included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TurnBuckets });
        _handoffs = _meter.CreateCounter<long>(Handoffs, "{handoff}", "Conversations the bot queued for a person, by reason code.");
        _meter.CreateObservableGauge(QueueLength, () => Observe(d => d.QueueLength), "{conversation}", "Conversations waiting for an agent.");
        _meter.CreateObservableGauge(AgentsOnline, () => Observe(d => d.AgentsOnline), "{agent}", "Agents with the console open, whatever their status.");
        _meter.CreateObservableGauge(ArchiveLag, ObserveArchiveLag, "s", "Age of the oldest activity not yet in the archive.");
        _meter.CreateObservableGauge(ModelInfo, ObserveModel, description: "Always 1; the intent model serving now is its version tag.");
    }

    internal Meter Meter => _meter;

    /// <summary>A turn is starting: the timestamp to hand to <see cref="TurnEnded(long)"/>.</summary>
    public long TurnStarting() => _clock.GetTimestamp();

    public void TurnEnded(long started)
    {
        _turns.Add(1);
        _turnDuration.Record(_clock.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>A turn whose start this process did not see (another process's message, a recovered turn): timed from the activity's stored timestamp.</summary>
    public void TurnEnded(DateTimeOffset? arrived)
    {
        _turns.Add(1);
        if (arrived is { } at)
        {
            _turnDuration.Record(Math.Max(0, (_clock.GetUtcNow() - at).TotalSeconds));
        }
    }

    public void HandoffQueued(string reason) => _handoffs.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));

    /// <summary>What the stores say now, read just before the gauges are collected.</summary>
    public void Read(DeskReading reading) => _desk = reading;

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> Observe(Func<DeskReading, long?> value) =>
        _desk is { } desk && value(desk) is { } measured ? [new Measurement<long>(measured)] : [];

    private IEnumerable<Measurement<double>> ObserveArchiveLag() =>
        _desk is { ArchiveLagSeconds: { } lag } ? [new Measurement<double>(lag)] : [];

    private IEnumerable<Measurement<long>> ObserveModel() =>
        _desk is { ModelVersion: { Length: > 0 } version } ? [new Measurement<long>(1, new KeyValuePair<string, object?>(VersionTag, version))] : [];
}
