using System.Text.Json;
using SupportBot.Conversations;
using SupportBot.Dialogs;
using SupportBot.Handoff.Queue;
using SupportBot.Insights.Archive;
using SupportBot.Intents;
using SupportBot.Schema;

namespace SupportBot.Retraining;

/// <summary>
/// Walks the conversations of a time window and writes every customer utterance with what the bot predicted and,
/// where the conversation tells, the true label: an agent's close resolution (for the messages the bot had not
/// understood just before the hand-off), the customer's choice in "did you mean", or a "yes, that helped".
/// Text is redacted and conversation ids hashed unless <paramref name="redactor"/> is null. With an
/// <paramref name="archive"/>, the conversations the log has let expire are read from it too, many to a query.
/// </summary>
public sealed class TranscriptExporter(IConversationLog log, IHandoffStore handoffs, PiiRedactor? redactor, string salt, IConversationArchive? archive = null)
{
    private const int Page = 500;

    // Archived conversations read to a query. Read one by one (a Redis read that failed, an exception and the archive's
    // seven queries of a whole transcript each), 97,300 of them took 35–47 s; 4 s so (bench/run-export.sh, 2026-12-07).
    private const int ArchiveBatch = 256;

    /// <param name="lookBack">How long before <paramref name="since"/> a conversation may have started (Conversations:Ttl).</param>
    public async Task<ExportSummary> ExportAsync(
        DateTimeOffset since, DateTimeOffset until, TimeSpan lookBack, Action<ExportedUtterance> write, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var live = await log.ListAsync(since - lookBack, until, cancellationToken);
        var liveSet = live.ToHashSet(StringComparer.Ordinal);
        var archived = archive is null ? [] : (await archive.ListAsync(since - lookBack, until, cancellationToken)).Where(id => !liveSet.Contains(id)).ToList();
        var ended = (await handoffs.EndedAsync(since - lookBack, DateTimeOffset.MaxValue, cancellationToken))
            .Where(r => r is { Stage: HandoffStage.Closed, Resolution: not null })
            .ToLookup(r => r.ConversationId);
        var summary = new Tally(live.Count + archived.Count);
        void Export(string id, IReadOnlyList<LoggedActivity> logged)
        {
            summary.Add(Lines(id, Parse(logged, out var unreadable), ended[id]).Where(l => l.At >= since && l.At < until), unreadable, write);
            progress?.Report((summary.Conversations, summary.Total));
        }

        foreach (var id in live)
        {
            Export(id, await ReadLiveAsync(id, cancellationToken));
        }

        foreach (var batch in archived.Chunk(ArchiveBatch))
        {
            var logs = await archive!.ReadLogsAsync(batch, cancellationToken);
            foreach (var id in batch)
            {
                Export(id, logs.GetValueOrDefault(id) ?? []);
            }
        }

        return new ExportSummary(summary.Total, summary.Utterances, summary.BySource, summary.Unreadable);
    }

    /// <summary>
    /// Exports to <paramref name="output"/> as JSONL, through a temporary file renamed at the end: an interrupted or
    /// empty export (see <see cref="ExportSummary.Utterances"/>) leaves no file behind.
    /// </summary>
    public async Task<ExportSummary> ExportToFileAsync(
        DateTimeOffset since, DateTimeOffset until, TimeSpan lookBack, string output, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(output))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.tmp");
        try
        {
            ExportSummary summary;
            using (var writer = new StreamWriter(temporary))
            {
                summary = await ExportAsync(since, until, lookBack, line => writer.Write(JsonLines.Line(line)), progress, cancellationToken);
            }

            if (summary.Utterances > 0)
            {
                File.Move(temporary, output, overwrite: true);
            }

            return summary;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private IEnumerable<ExportedUtterance> Lines(string conversationId, List<Activity> activities, IEnumerable<HandoffRecord> closed)
    {
        var customer = activities.Where(IsUtterance).ToList();
        var labels = new Dictionary<string, (string Intent, string Source)>();
        foreach (var e in activities.Where(a => a.Type == ActivityTypes.Event))
        {
            if (e.Name == DialogValues.IntentChosenEvent && Read(e, "utteranceId") is { } chosenFor && Read(e, "intent") is { Length: > 0 } chosen)
            {
                labels[chosenFor] = (chosen, LabelSources.Choice);
            }
            else if (e.Name == DialogValues.FeedbackEvent && Read(e, "utteranceId") is { } helpedFor && Read(e, "intent") is { } helped
                && e.Value?.TryGetProperty("helped", out var yes) == true && yes.ValueKind == JsonValueKind.True)
            {
                labels.TryAdd(helpedFor, (helped, LabelSources.Helped));
            }
        }

        foreach (var (initiate, intent) in AgentResolutions.Closed(activities, closed))
        {
            foreach (var id in AgentResolutions.NotUnderstoodBefore(initiate, customer))
            {
                labels[id] = (intent, LabelSources.Agent);
            }
        }

        var hashedConversation = redactor is null ? conversationId : PiiRedactor.HashId(conversationId, salt);
        foreach (var activity in customer)
        {
            var predicted = IntentEntity.Read(activity);
            var label = labels.TryGetValue(activity.Id!, out var found) ? found : default;
            yield return new ExportedUtterance(
                redactor?.Redact(activity.Text!) ?? activity.Text!,
                predicted?.Language is { Length: > 0 } language ? language : null,
                label.Intent, label.Source,
                predicted?.Intent, predicted?.Confidence, predicted?.IsAmbiguous, predicted?.ModelVersion,
                hashedConversation, $"{hashedConversation}|{activity.Id!.Split('|')[^1]}", activity.Timestamp ?? default);
        }
    }

    // A conversation that expired between the listing and this read has nothing left to export (or, with an
    // archive, is read from it).
    private async Task<IReadOnlyList<LoggedActivity>> ReadLiveAsync(string conversationId, CancellationToken cancellationToken)
    {
        var logged = new List<LoggedActivity>();
        try
        {
            while (true)
            {
                var page = await log.ReadAsync(conversationId, logged.Count > 0 ? logged[^1].Sequence : 0, Page, cancellationToken);
                logged.AddRange(page);
                if (page.Count < Page)
                {
                    return logged;
                }
            }
        }
        catch (ConversationNotFoundException)
        {
            return archive is null ? [] : (await archive.ReadLogsAsync([conversationId], cancellationToken)).GetValueOrDefault(conversationId) ?? [];
        }
    }

    private static List<Activity> Parse(IReadOnlyList<LoggedActivity> logged, out int unreadable)
    {
        var activities = new List<Activity>(logged.Count);
        unreadable = 0;
        foreach (var entry in logged)
        {
            try
            {
                if (JsonSerializer.Deserialize(entry.Json, SchemaJson.Wire.Activity) is { Id: not null } activity)
                {
                    activities.Add(activity);
                    continue;
                }
            }
            catch (JsonException)
            {
            }

            unreadable++; // a damaged or hostile entry is skipped and counted, never fatal
        }

        return activities;
    }

    private sealed class Tally(int total)
    {
        public int Total => total;

        public int Conversations { get; private set; }

        public int Utterances { get; private set; }

        public int Unreadable { get; private set; }

        public Dictionary<string, int> BySource { get; } = [];

        public void Add(IEnumerable<ExportedUtterance> lines, int unreadable, Action<ExportedUtterance> write)
        {
            foreach (var line in lines)
            {
                write(line);
                Utterances++;
                if (line.LabelSource is { } source)
                {
                    BySource[source] = BySource.GetValueOrDefault(source) + 1;
                }
            }

            Unreadable += unreadable;
            Conversations++;
        }
    }

    // Customers' own words only: not typing, not the titles of buttons they clicked.
    private static bool IsUtterance(Activity a) =>
        a.Type == ActivityTypes.Message && a.From?.Role == RoleTypes.User && !string.IsNullOrWhiteSpace(a.Text)
        && !IsButton(a.Value);

    // Our buttons send back an object naming their kind (DialogValues.Kind); the dialog runtime's own reader is
    // internal to Core, and only the marker matters here.
    private static bool IsButton(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(DialogValues.Kind, out var kind) && kind.ValueKind == JsonValueKind.String;

    private static string? Read(Activity activity, string property) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String
            ? p.GetString()
            : null;
}
