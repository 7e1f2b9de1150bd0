using System.Runtime.InteropServices;
using System.Text.Json;
using SupportBot.Conversations;
using SupportBot.Handoff.Desk;
using SupportBot.Intents;
using SupportBot.Orders;
using SupportBot.Schema;

namespace SupportBot.Insights.Archive;

/// <summary>
/// Derives every archive row of a conversation from its record and its log, and nothing else: the log is the one
/// source, so rewriting a conversation from it any number of times gives the same rows. Given where the archive
/// stood (<see cref="ArchivedMark"/>), it folds only the activities after it on top: what the conversations row and
/// the latest hand-off already sum up is all the earlier log contributes to what can still change.
/// </summary>
public sealed class ConversationSnapshots(OrderNumbers orders)
{
    private const int FirstTextLength = 500;

    /// <param name="log">The whole log, or with <paramref name="since"/> the activities after its sequence.</param>
    public ConversationSnapshot From(ConversationRecord record, IReadOnlyList<LoggedUtf8Activity> log, ArchivedMark? since = null)
    {
        var before = since?.Conversation;
        var activities = new List<ArchivedActivity>(log.Count);
        var orderNumbers = new SortedSet<string>(StringComparer.Ordinal);
        var handoffs = new HandoffTimeline(since?.LastHandoff);
        var surveys = new Dictionary<long, ArchivedSurvey>();
        var feedback = new List<ArchivedFeedback>();
        string? channel = before?.Channel, language = before?.Language, customerName = before?.CustomerName ?? record.UserName;
        var lastCustomer = before is { LastCustomerAt: { } at }
            ? (at, before.LastCustomerIntent, before.LastCustomerMisunderstood)
            : ((DateTimeOffset At, string? Intent, bool Misunderstood)?)null;
        var lastAnsweredAfterCustomer = before is not null && !before.LastCustomerUnanswered;
        var (customerMessages, botMessages, agentMessages) = (before?.CustomerMessages ?? 0, before?.BotMessages ?? 0, before?.AgentMessages ?? 0);
        var firstText = before?.FirstCustomerText;

        foreach (var logged in log)
        {
            var view = LoggedActivityView.Read(logged.Utf8Json.Span);
            if (view is null || view.Type == ActivityTypes.Typing)
            {
                continue;
            }

            var row = Row(logged, view);
            activities.Add(row);
            channel ??= view.ChannelId;
            // Only an event moves a hand-off on by what it carries; a message, by its row alone.
            handoffs.Add(row, row.Type == ActivityTypes.Event ? view.ToActivity() : null);
            if (row.Type != ActivityTypes.Message)
            {
                if (row.Name == Dialogs.DialogValues.SurveyEvent && Survey(row, view.Value, handoffs.Current) is { } survey)
                {
                    surveys[survey.HandoffSeq ?? -1] = survey; // the last answer of a hand-off counts
                }
                else if (row.Name == Dialogs.DialogValues.FeedbackEvent && Feedback(row, view.Value) is { } answer)
                {
                    feedback.Add(answer);
                }

                continue;
            }

            switch (row.Role)
            {
                case ArchiveRoles.Customer:
                    customerMessages++;
                    firstText ??= row.Text is { Length: > FirstTextLength } t ? t[..FirstTextLength] : row.Text;
                    customerName = record.UserName ?? row.FromName ?? customerName;
                    language = row.Language ?? language;
                    lastCustomer = (row.Timestamp, row.Intent, row is { Intent: IntentNames.OutOfScope } or { Ambiguous: true });
                    lastAnsweredAfterCustomer = false;
                    if (row.Text is { Length: > 0 } text && orders.Find(text, answeringPrompt: false) is { } number)
                    {
                        orderNumbers.Add(number);
                    }

                    break;
                case ArchiveRoles.Agent:
                    agentMessages++;
                    lastAnsweredAfterCustomer = true;
                    break;
                default:
                    botMessages++;
                    lastAnsweredAfterCustomer = true;
                    break;
            }
        }

        var rows = handoffs.Rows();
        var lastEnd = handoffs.Current?.EndedAt;
        var conversation = new ArchivedConversation(
            record.Id,
            channel ?? ChannelConversationIds.ChannelOf(record.Id),
            language ?? Language(record.Locale),
            record.UserId,
            customerName,
            record.CreatedAt,
            activities.Count > 0 ? activities[^1].Timestamp : before?.LastActivityAt ?? record.CreatedAt,
            lastEnd is { } ended && (lastCustomer is null || lastCustomer.Value.At <= ended) ? ended : null,
            customerMessages,
            botMessages,
            agentMessages,
            firstText,
            lastCustomer?.At,
            lastCustomer?.Intent,
            lastCustomer is not null && !lastAnsweredAfterCustomer,
            lastCustomer?.Misunderstood ?? false,
            handoffs.Count(before?.Handoffs ?? 0),
            log.Count > 0 ? log[^1].Sequence : before?.ArchivedSeq ?? 0);
        return new ConversationSnapshot(
            conversation, activities, [.. orderNumbers], rows, [.. surveys.Values.OrderBy(s => s.Seq)], feedback, before?.ArchivedSeq);
    }

    /// <summary>Who said it, as the archive's <c>role</c> column names it.</summary>
    public static string RoleOf(Activity activity) => RoleOf(activity.From, activity.Type, activity.Name);

    private static string RoleOf(ChannelAccount? from, string? type, string? name) =>
        from?.Role == RoleTypes.User ? ArchiveRoles.Customer
        : from?.Id?.StartsWith(DeskAgent.ChannelIdPrefix, StringComparison.Ordinal) == true ? ArchiveRoles.Agent
        : type == ActivityTypes.Event && name?.StartsWith(HandoffEventNames.Prefix, StringComparison.Ordinal) == true ? ArchiveRoles.System
        : ArchiveRoles.Bot;

    /// <summary>The intent entity a row takes its intent, confidence and language from: a customer's classified message's, else null.</summary>
    internal static EntityView? Classified(string role, EntityView? intentEntity) =>
        role == ArchiveRoles.Customer && intentEntity is { Intent: not null } ? intentEntity : null;

    /// <summary>The confidence a row keeps of <see cref="Classified"/>'s entity: four decimals.</summary>
    internal static double? Confidence(EntityView? classified) => classified is null ? null : Math.Round(classified.Confidence, 4);

    private static ArchivedActivity Row(LoggedUtf8Activity logged, LoggedActivityView view)
    {
        var role = RoleOf(view.From, view.Type, view.Name);
        var intent = Classified(role, view.Intent);
        return new ArchivedActivity(
            logged.Sequence, view.Id ?? ActivityIds.ActivityId(logged.ConversationId, logged.Sequence), view.Timestamp ?? DateTimeOffset.UnixEpoch,
            role, view.From?.Id, view.From?.Name, view.Type ?? "", view.Name, view.Text,
            intent?.Intent, Confidence(intent), intent?.Ambiguous, intent?.Language, view.ReplyToId, WholeArray(logged.Utf8Json));
    }

    // A read from the log gives each activity an array of its own, which the row keeps as it is.
    private static byte[] WholeArray(ReadOnlyMemory<byte> utf8) =>
        MemoryMarshal.TryGetArray(utf8, out var part) && part.Offset == 0 && part.Count == part.Array!.Length ? part.Array : utf8.ToArray();

    private static ArchivedSurvey? Survey(ArchivedActivity row, JsonElement? value, ArchivedHandoff? rated) =>
        Number(value, "rating") is { } rating and >= 1 and <= 5
            ? new ArchivedSurvey(row.Seq, rated?.Seq, rated?.AgentId, row.Timestamp, rating,
                Number(value, "nps") is { } nps and >= 0 and <= 10 ? nps : null, Text(value, "comment"))
            : null;

    private static ArchivedFeedback? Feedback(ArchivedActivity row, JsonElement? value) =>
        Text(value, "intent") is { } intent
        && value is { } v && v.TryGetProperty("helped", out var helped) && helped.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? new ArchivedFeedback(row.Seq, row.Timestamp, intent, helped.GetBoolean(), Text(value, "utteranceId"))
            : null;

    private static string? Language(string? locale) => string.IsNullOrEmpty(locale) ? null : locale.Split('-')[0].ToLowerInvariant();

    internal static string? Text(JsonElement? value, string name) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    internal static int? Number(JsonElement? value, string name) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) ? n : null;
}
