using SupportBot.Insights.Archive;

namespace SupportBot.Tests;

/// <summary>
/// Writes conversations into an archive the way the worker would: activities, hand-offs, surveys and feedback, with
/// the conversation row's derived columns worked out by their documented meaning (Sql/sqlite/001-initial.sql).
/// </summary>
public sealed class ArchiveSeed(string id, string customer, DateTimeOffset started, string language, string channel)
{
    private readonly List<ArchivedActivity> _activities = [];
    private readonly List<ArchivedHandoff> _handoffs = [];
    private readonly List<ArchivedSurvey> _surveys = [];
    private readonly List<ArchivedFeedback> _feedback = [];
    private DateTimeOffset? _last;

    public static ArchiveSeed Conversation(string id, string customer, DateTimeOffset start, string language = "en", string channel = "directline") =>
        new(id, customer, start, language, channel);

    /// <summary>The customer writes <paramref name="after"/> seconds after the last activity; understood as <paramref name="intent"/>.</summary>
    public ArchiveSeed Customer(string text, string intent = "order_status", double after = 1, bool ambiguous = false) =>
        Add(ArchiveRoles.Customer, text, after, intent, ambiguous);

    public ArchiveSeed Bot(string text = "An answer", double after = 1) => Add(ArchiveRoles.Bot, text, after, null, null);

    public ArchiveSeed Agent(string text = "Hello, I am here", double after = 1) => Add(ArchiveRoles.Agent, text, after, null, null);

    /// <summary>A hand-off asked for now; picked up, first agent reply and end as seconds after the request (null: never).</summary>
    public ArchiveSeed Handoff(string reason, string? outcome, double? pickup = null, double? firstReply = null, double? end = null,
        string? agent = null, string intent = "order_status")
    {
        var requested = At;
        _handoffs.Add(new ArchivedHandoff(_activities.Count + 1000, reason, intent, language, "general", requested,
            pickup is { } p ? requested.AddSeconds(p) : null, agent, agent is null ? null : char.ToUpperInvariant(agent[0]) + agent[1..], agent, 0,
            firstReply is { } f ? requested.AddSeconds(f) : null, end is { } e ? requested.AddSeconds(e) : null, outcome,
            outcome == HandoffOutcomes.Closed ? intent : null, []));
        return this;
    }

    public ArchiveSeed Survey(int rating, int? nps = null, string? agent = null)
    {
        _surveys.Add(new ArchivedSurvey(_surveys.Count + 2000, _handoffs.LastOrDefault()?.Seq, agent ?? _handoffs.LastOrDefault()?.AgentId, At, rating, nps, null));
        return this;
    }

    public ArchiveSeed Feedback(string intent, bool helped)
    {
        _feedback.Add(new ArchivedFeedback(_feedback.Count + 3000, At, intent, helped, null));
        return this;
    }

    private DateTimeOffset At => _last ?? started;

    public ConversationSnapshot Build()
    {
        var customerMessages = _activities.Where(a => a.Role == ArchiveRoles.Customer).ToList();
        var last = customerMessages.LastOrDefault();
        var answered = last is not null && _activities.Any(a => a.Seq > last.Seq && a.Role is ArchiveRoles.Bot or ArchiveRoles.Agent);
        var conversation = new ArchivedConversation(
            id, channel, language, customer, null, started, _activities.LastOrDefault()?.Timestamp ?? started, null,
            customerMessages.Count, _activities.Count(a => a.Role == ArchiveRoles.Bot), _activities.Count(a => a.Role == ArchiveRoles.Agent),
            customerMessages.FirstOrDefault()?.Text, last?.Timestamp, last?.Intent,
            last is not null && !answered, last is not null && (last.Intent == "out_of_scope" || last.Ambiguous == true),
            _handoffs.Count, _activities.Count);
        return new ConversationSnapshot(conversation, _activities, [], _handoffs, _surveys, _feedback);
    }

    public Task SaveAsync(IConversationArchive archive) => archive.WriteAsync(Build());

    private ArchiveSeed Add(string role, string text, double after, string? intent, bool? ambiguous)
    {
        _last = At.AddSeconds(after);
        var seq = _activities.Count + 1;
        _activities.Add(new ArchivedActivity(seq, $"{id}|{seq:D7}", At, role, role == ArchiveRoles.Agent ? "agent:anna" : role, null, "message",
            null, text, intent, intent is null ? null : 0.9, ambiguous, role == ArchiveRoles.Customer ? language : null, null, "{}"u8.ToArray()));
        return this;
    }
}
