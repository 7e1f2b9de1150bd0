using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using SupportBot.Handoff;
using SupportBot.Metrics;

namespace SupportBot.Tests.Metrics;

public sealed class SupportBotMetricsTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly SupportBotMetrics _metrics;
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measured = [];

    public SupportBotMetricsTests()
    {
        _metrics = new SupportBotMetrics(_clock);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => _measured.Add((i.Name, value, tags.ToArray())));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => _measured.Add((i.Name, value, tags.ToArray())));
        _listener.Start();
    }

    [Fact]
    public void ATurnIsTimedFromWhenThisProcessTookItIn()
    {
        var started = _metrics.TurnStarting();
        _clock.Advance(TimeSpan.FromMilliseconds(250));

        _metrics.TurnEnded(started);

        Assert.Equal([(SupportBotMetrics.Turns, 1d), (SupportBotMetrics.TurnDuration, 0.25)], _measured.Select(m => (m.Instrument, m.Value)));
    }

    [Fact]
    public void ATurnRecoveredFromTheLogIsTimedFromItsStoredTimestamp()
    {
        _metrics.TurnEnded(_clock.GetUtcNow().AddSeconds(-12));

        Assert.Equal([(SupportBotMetrics.Turns, 1d), (SupportBotMetrics.TurnDuration, 12d)], _measured.Select(m => (m.Instrument, m.Value)));
    }

    [Fact]
    public void AHandoffIsCountedUnderItsReason()
    {
        _metrics.HandoffQueued(HandoffReasons.AngryPhrase);

        var (instrument, value, tags) = Assert.Single(_measured);
        Assert.Equal((SupportBotMetrics.Handoffs, 1d), (instrument, value));
        Assert.Equal([new KeyValuePair<string, object?>(SupportBotMetrics.ReasonTag, HandoffReasons.AngryPhrase)], tags);
    }

    [Fact]
    public void TheDeskGaugesReportTheLatestReadingAndLeaveOutWhatIsUnknown()
    {
        _listener.RecordObservableInstruments();
        Assert.Empty(_measured);

        _metrics.Read(new DeskReading(QueueLength: 3, AgentsOnline: null, ArchiveLagSeconds: 1.5, ModelVersion: "m-7"));
        _listener.RecordObservableInstruments();

        Assert.Equal(
            [(SupportBotMetrics.QueueLength, 3d), (SupportBotMetrics.ArchiveLag, 1.5), (SupportBotMetrics.ModelInfo, 1d)],
            _measured.Select(m => (m.Instrument, m.Value)));
        Assert.Contains(new KeyValuePair<string, object?>(SupportBotMetrics.VersionTag, "m-7"), _measured.Single(m => m.Instrument == SupportBotMetrics.ModelInfo).Tags);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
    }
}
