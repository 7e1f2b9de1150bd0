using System.Text.Json;
using SupportBot.Conversations;
using SupportBot.Dialogs;
using SupportBot.Handoff.Queue;
using SupportBot.Intents;
using SupportBot.Schema;

namespace SupportBot.Retraining;

/// <summary>
/// Walks the conversations of a time window and writes every customer utterance with what the bot predicted and,
/// where the conversation tells, the true label: an agent's close resolution (for the messages the bot had not
/// understood just before the hand-off), the customer's choice in "did you mean", or a "yes, that helped".
/// Text is redacted and conversation ids hashed unless <paramref name="redactor"/> is null.
/// </summary>
public sealed class TranscriptExporter(IConversationLog log, IHandoffStore handoffs, PiiRedactor? redactor, string salt)
{
    private const int Page = 500;

    // How far from a hand-off's queueing its handoff.initiate event may be logged: a turn's time and the servers' clock skew.
    private static readonly TimeSpan InitiateWindow = TimeSpan.FromSeconds(30);

    /// <param name="lookBack">How long before <paramref name="since"/> a conversation may have started (Conversations:Ttl).</param>
    public async Task<ExportSummary> ExportAsync(
        DateTimeOffset since, DateTimeOffset until, TimeSpan lookBack, Action<ExportedUtterance> write, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var ids = await log.ListAsync(since - lookBack, until, cancellationToken);
        var ended = (await handoffs.EndedAsync(since - lookBack, DateTimeOffset.MaxValue, cancellationToken))
            .Where(r => r is { Stage: HandoffStage.Closed, Resolution: not null })
            .ToLookup(r => r.ConversationId);
        var utterances = 0;
        var unreadable = 0;
        var bySource = new Dictionary<string, int>();
        for (var i = 0; i < ids.Count; i++)
        {
            var (activities, bad) = await ReadAsync(ids[i], cancellationToken);
            unreadable += bad;
            foreach (var line in Lines(ids[i], activities, ended[ids[i]]).Where(l => l.At >= since && l.At < until))
            {
                write(line);
                utterances++;
                if (line.LabelSource is { } source)
                {
                    bySource[source] = bySource.GetValueOrDefault(source) + 1;
                }
            }

            progress?.Report((i + 1, ids.Count));
        }

        return new ExportSummary(ids.Count, utterances, bySource, unreadable);
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

        foreach (var record in closed)
        {
            foreach (var id in NotUnderstoodBefore(record, activities, customer))
            {
                labels[id] = (record.Resolution!.Intent, LabelSources.Agent);
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

    /// <summary>
    /// The customer messages an agent's resolution labels: those the bot did not understand (out of scope or
    /// ambiguous) in an unbroken run up to the hand-off. "agent" itself, or a question the bot did understand, is not
    /// what the agent's intent describes.
    /// </summary>
    /// <remarks>
    /// The hand-off's handoff.initiate event is the one logged nearest to its queueing, in the same turn. Its log
    /// timestamp is no clock reading to compare with the claim's: the log keeps a conversation's timestamps strictly
    /// increasing (a turn's activities in one millisecond are a millisecond apart each), and the process that logged
    /// it may not be the one whose clock stamped the claim. An agent who takes the chat within those milliseconds must
    /// still label it, so the event is looked for within <see cref="InitiateWindow"/> of the queueing, not before the claim.
    /// </remarks>
    private static IEnumerable<string> NotUnderstoodBefore(HandoffRecord record, List<Activity> activities, List<Activity> customer)
    {
        var initiate = activities
            .Where(a => a.Type == ActivityTypes.Event && a.Name == HandoffEventNames.InitiateHandoff && a.Timestamp is { } at
                && (at - record.QueuedAt).Duration() <= InitiateWindow)
            .MinBy(a => (a.Timestamp!.Value - record.QueuedAt).Duration());
        var index = initiate?.ReplyToId is { } escalating ? customer.FindIndex(a => a.Id == escalating) : -1;
        for (var i = index; i >= 0; i--)
        {
            var predicted = IntentEntity.Read(customer[i]);
            var understood = predicted is { IsOutOfScope: false, IsAmbiguous: false };
            if (understood && i == index)
            {
                continue; // the message that asked for a person; the run before it may still be the problem
            }

            if (understood)
            {
                yield break;
            }

            yield return customer[i].Id!;
        }
    }

    private async Task<(List<Activity> Activities, int Unreadable)> ReadAsync(string conversationId, CancellationToken cancellationToken)
    {
        var activities = new List<Activity>();
        var unreadable = 0;
        long after = 0;
        while (true)
        {
            var page = await log.ReadAsync(conversationId, after, Page, cancellationToken);
            foreach (var logged in page)
            {
                try
                {
                    if (JsonSerializer.Deserialize(logged.Json, SchemaJson.Wire.Activity) is { Id: not null } activity)
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

            if (page.Count < Page)
            {
                return (activities, unreadable);
            }

            after = page[^1].Sequence;
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
