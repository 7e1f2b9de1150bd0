using System.Globalization;
using System.Text.Json;
using SupportBot.Handoff.Escalation;

namespace SupportBot.Dialogs;

/// <summary>The survey after an agent closed the chat: a rating of 1 to 5, then an optional comment.</summary>
internal sealed class SurveyQuestions(TurnScope s)
{
    public async Task AskAsync(string agent, CancellationToken ct)
    {
        s.Memory.Handoff.Survey = new PendingSurvey { AgentName = agent };
        await s.SendAsync(DialogReplies.WithButtons(
            s.Message(HandoffMessages.SurveyAsk).Replace("{agent}", agent, StringComparison.Ordinal),
            s.Language,
            [.. Enumerable.Range(1, 5).Select(r => (r.ToString(CultureInfo.InvariantCulture), (object)new Dictionary<string, object>
            {
                [DialogValues.Kind] = DialogValues.Survey,
                [DialogValues.Rating] = r,
            }))]), ct);
    }

    /// <summary>True when the message answered the survey; false when the customer moved on without rating.</summary>
    public async Task<bool> AnswerAsync(PendingSurvey survey, CancellationToken ct)
    {
        var conversationId = s.Activity.Conversation!.Id!;
        if (survey.Rating == 0)
        {
            if (ReadRating() is not { } rating)
            {
                s.Memory.Handoff.Survey = null; // the customer moved on without rating
                return false;
            }

            survey.Rating = rating;
            await s.Engine.Handoff!.SaveSurveyAsync(conversationId, rating, null, ct);
            // Logged now too: a customer who rates and closes the window never reaches the comment's event.
            await s.SendAsync(DialogReplies.Event(DialogValues.SurveyEvent, new { rating, comment = (string?)null }), ct);
            await s.SendAsync(DialogReplies.WithButtons(s.Message(HandoffMessages.SurveyComment), s.Language,
                [(s.Message(MessageKeys.No), new Dictionary<string, object> { [DialogValues.Kind] = DialogValues.Answer, [DialogValues.Yes] = false })]), ct);
            return true;
        }

        s.Memory.Handoff.Survey = null;
        var comment = s.Button is not null || s.Catalog.IsWord(CommandWords.No, s.Text) ? null : s.Text;
        if (comment is not null)
        {
            await s.Engine.Handoff!.SaveSurveyAsync(conversationId, survey.Rating, comment, ct);
        }

        await s.SendAsync(DialogReplies.Event(DialogValues.SurveyEvent, new { rating = survey.Rating, comment }), ct);
        await s.SayAsync(s.Message(HandoffMessages.SurveyThanks), ct);
        return true;
    }

    // A rating button, or a digit 1-5 typed in any script (Thai ๑-๕ and Arabic-Indic ١-٥ included).
    private int? ReadRating()
    {
        if (s.Activity.Value is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty(DialogValues.Kind, out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == DialogValues.Survey
            && value.TryGetProperty(DialogValues.Rating, out var r) && r.TryGetInt32(out var rating) && rating is >= 1 and <= 5)
        {
            return rating;
        }

        var text = DialogCatalog.NormalizeWord(s.Text ?? "");
        return text.Length == 1 && char.GetNumericValue(text[0]) is >= 1 and <= 5 and var digit ? (int)digit : null;
    }
}
