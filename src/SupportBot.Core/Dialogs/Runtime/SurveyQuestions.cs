using System.Globalization;
using System.Text.Json;
using SupportBot.Handoff.Escalation;

namespace SupportBot.Dialogs;

/// <summary>
/// The survey after an agent closed the chat: a rating of 1 to 5, the 0-10 recommendation question when
/// Handoff:SurveyNps is on, then an optional comment.
/// </summary>
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
        if (survey.Rating == 0)
        {
            if (ReadNumber(DialogValues.Rating, 1, 5) is not { } rating)
            {
                s.Memory.Handoff.Survey = null; // the customer moved on without rating
                return false;
            }

            survey.Rating = rating;
            await SaveAsync(survey, null, ct);
            if (s.Engine.Handoff!.Options.SurveyNps)
            {
                survey.AwaitingNps = true;
                await s.SendAsync(DialogReplies.WithButtons(s.Message(HandoffMessages.SurveyNps), s.Language,
                    [.. Enumerable.Range(0, 11).Select(n => (n.ToString(CultureInfo.InvariantCulture), (object)new Dictionary<string, object>
                    {
                        [DialogValues.Kind] = DialogValues.Survey,
                        [DialogValues.Nps] = n,
                    }))]), ct);
                return true;
            }

            await AskCommentAsync(ct);
            return true;
        }

        if (survey.AwaitingNps)
        {
            survey.AwaitingNps = false;
            if (ReadNumber(DialogValues.Nps, 0, 10) is { } nps)
            {
                survey.Nps = nps;
                await SaveAsync(survey, null, ct);
                await AskCommentAsync(ct);
                return true;
            }

            // Anything else skips the question and is taken as the comment, so a customer who just types loses nothing.
        }

        s.Memory.Handoff.Survey = null;
        var comment = s.Button is not null || s.Catalog.IsWord(CommandWords.No, s.Text) ? null : s.Text;
        if (comment is not null)
        {
            await SaveAsync(survey, comment, ct);
        }

        await s.SayAsync(s.Message(HandoffMessages.SurveyThanks), ct);
        return true;
    }

    // Kept on the hand-off and logged as an event at each answer: a customer who rates and closes the window never
    // reaches the comment, and the archive takes the last survey event of a hand-off.
    private async Task SaveAsync(PendingSurvey survey, string? comment, CancellationToken ct)
    {
        await s.Engine.Handoff!.SaveSurveyAsync(s.Activity.Conversation!.Id!, survey.Rating, survey.Nps, comment, ct);
        await s.SendAsync(DialogReplies.Event(DialogValues.SurveyEvent, new { rating = survey.Rating, nps = survey.Nps, comment }), ct);
    }

    private Task AskCommentAsync(CancellationToken ct) =>
        s.SendAsync(DialogReplies.WithButtons(s.Message(HandoffMessages.SurveyComment), s.Language,
            [(s.Message(MessageKeys.No), new Dictionary<string, object> { [DialogValues.Kind] = DialogValues.Answer, [DialogValues.Yes] = false })]), ct);

    // A survey button carrying the property, or a number in the range typed in any script (Thai ๑๐ and Arabic-Indic ١٠ included).
    private int? ReadNumber(string property, int min, int max)
    {
        if (s.Activity.Value is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty(DialogValues.Kind, out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == DialogValues.Survey
            && value.TryGetProperty(property, out var r) && r.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }

        var text = DialogCatalog.NormalizeWord(s.Text ?? "");
        if (text.Length is 0 or > 2)
        {
            return null;
        }

        var digits = 0;
        foreach (var c in text)
        {
            if (char.GetNumericValue(c) is not (>= 0 and <= 9 and var digit) || digit != Math.Floor(digit))
            {
                return null;
            }

            digits = (digits * 10) + (int)digit;
        }

        return digits >= min && digits <= max ? digits : null;
    }
}
