using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using SupportBot.Insights.Archive;
using SupportBot.Web.Agents;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Archive;

/// <summary>
/// History for agents and supervisors: search the archived conversations, open one transcript (from the live store
/// while it still has the conversation, which is fresher, else from the archive).
/// </summary>
public static class HistoryApi
{
    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder app)
    {
        app.MapGet("/agent/api/history", SearchAsync).RequireAuthorization(AgentSessionsApi.AgentPolicy);
        app.MapGet("/agent/api/history/{conversationId}", GetAsync).RequireAuthorization(AgentSessionsApi.AgentPolicy);
        return app;
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, IConversationArchive archive, IOptions<ArchiveOptions> options, CancellationToken cancellationToken)
    {
        var (query, problem) = HistoryQueries.Parse(request.Query);
        if (problem is not null)
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, problem);
        }

        if (!options.Value.Enabled)
        {
            return Off();
        }

        try
        {
            var page = await archive.SearchAsync(query!, cancellationToken);
            return Results.Json(new HistoryList([.. page.Conversations.Select(HistoryViews.Summary)], page.Next?.ToString()));
        }
        catch (DbException)
        {
            return Away();
        }
    }

    private static async Task<IResult> GetAsync(
        string conversationId, ArchiveWriter live, IConversationArchive archive, IOptions<ArchiveOptions> options, CancellationToken cancellationToken)
    {
        if (conversationId.Length > 200)
        {
            return ApiError.NotFound("No such conversation.");
        }

        try
        {
            var transcript = await live.SnapshotAsync(conversationId, cancellationToken) is { } snapshot
                ? TranscriptViews.From(snapshot)
                : options.Value.Enabled ? await archive.GetAsync(conversationId, cancellationToken) : null;
            return transcript is null ? ApiError.NotFound($"No conversation '{conversationId}'.") : Results.Json(HistoryViews.Detail(transcript));
        }
        catch (DbException)
        {
            return Away();
        }
    }

    private static IResult Off() =>
        ApiError.Result(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The conversation archive is off (Archive:Enabled).");

    private static IResult Away() =>
        ApiError.Result(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The conversation archive is not reachable; try again shortly.");
}

/// <summary>Reads a history search's query string; a bad date, rating, limit or cursor is a problem the client is told.</summary>
internal static class HistoryQueries
{
    public static (HistoryQuery? Query, string? Problem) Parse(IQueryCollection q)
    {
        string? Text(string name) => q[name].ToString() is { Length: > 0 } v ? v.Trim() : null;
        var (from, fromOk) = Date(Text("from"), inclusiveEnd: false);
        var (to, toOk) = Date(Text("to"), inclusiveEnd: true);
        int? rating = null, limit = null;
        if (Text("rating") is { } r)
        {
            rating = int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5 ? n : -1;
        }

        if (Text("limit") is { } l)
        {
            limit = int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= HistoryQuery.MaxLimit ? n : -1;
        }

        var before = HistoryCursor.Parse(Text("before"));
        var problem = !fromOk ? "from must be an ISO date (2026-11-01) or date and time."
            : !toOk ? "to must be an ISO date (2026-11-30) or date and time."
            : from > to ? "to is before from."
            : rating == -1 ? "rating must be a whole number from 1 to 5."
            : limit == -1 ? $"limit must be a whole number from 1 to {HistoryQuery.MaxLimit}."
            : Text("before") is not null && before is null ? "before must be the next cursor of a previous page."
            : new[] { "q", "customer", "order", "intent", "agent" }.Any(n => Text(n)?.Length > 200) ? "A filter is longer than 200 characters."
            : null;
        return problem is not null ? (null, problem) : (new HistoryQuery
        {
            Text = Text("q"),
            Customer = Text("customer"),
            Order = Text("order")?.ToUpperInvariant(),
            Intent = Text("intent"),
            Agent = Text("agent"),
            Rating = rating,
            From = from,
            Until = to,
            Before = before,
            Limit = limit ?? HistoryQuery.DefaultLimit,
        }, null);
    }

    // A date alone is a whole UTC day: "to" includes it, so the range ends at the next midnight.
    private static (DateTimeOffset? Value, bool Ok) Date(string? text, bool inclusiveEnd)
    {
        if (text is null)
        {
            return (null, true);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return (inclusiveEnd ? start.AddDays(1) : start, true);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? (inclusiveEnd ? at.AddMilliseconds(1) : at, true)
            : (null, false);
    }
}
