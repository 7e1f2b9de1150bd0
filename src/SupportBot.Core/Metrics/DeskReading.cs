namespace SupportBot.Metrics;

/// <summary>
/// What the stores said at the latest scrape: the gauges report it as read, since their callbacks cannot wait for
/// Redis. Null parts are left out of the scrape.
/// </summary>
public sealed record DeskReading(long? QueueLength, long? AgentsOnline, double? ArchiveLagSeconds, string? ModelVersion);
