using System.Text.Json;
using SupportBot.Conversations;
using SupportBot.Handoff.Queue;
using SupportBot.Schema;

namespace SupportBot.Web.Agents;

/// <summary>
/// Who the agent is talking to, from the hand-off and the customer's own activities: the page and browser the widget
/// puts in channelData ("page", "userAgent"), the time zone Web Chat sends with every message. All of it is what the
/// customer's browser said, so it is cut short and shown as text, never trusted.
/// </summary>
public static class CustomerProfiles
{
    public const string EmailSlot = "email";
    private const int MaxPage = 500;
    private const int MaxUserAgent = 300;

    public static CustomerProfile From(HandoffRecord record, IEnumerable<LoggedActivity> logged)
    {
        var said = logged.Select(a => JsonSerializer.Deserialize(a.Json, SchemaJson.Wire.Activity))
            .OfType<Activity>().Where(a => a.From?.Role == RoleTypes.User && a.Type == ActivityTypes.Message).ToList();
        var page = said.Select(a => ChannelDataString(a, "page")).FirstOrDefault(p => p is not null);
        var browser = said.Select(a => ChannelDataString(a, "userAgent")).LastOrDefault(u => u is not null);
        var timed = said.LastOrDefault(a => a.LocalTimezone is not null || a.LocalTimestamp is not null);
        return new CustomerProfile(
            record.UserName,
            record.Slots.TryGetValue(EmailSlot, out var email) ? email : null,
            record.Language,
            said.FirstOrDefault()?.ChannelId ?? Channels.DirectLine,
            IsWebAddress(page) ? Cut(page, MaxPage) : null,
            Cut(browser, MaxUserAgent),
            Cut(timed?.LocalTimezone, 64),
            timed?.LocalTimestamp is { } local ? (int)local.Offset.TotalMinutes : null);
    }

    private static string? ChannelDataString(Activity activity, string name) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool IsWebAddress(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string? Cut(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}

/// <summary>
/// The customer as the console's side panel shows them. Earlier conversations are not here: there is no archive to
/// find them in yet, and scanning every ended hand-off for each chat opened would not be cheap.
/// </summary>
public sealed record CustomerProfile(
    string? Name,
    string? Email,
    string Language,
    string Channel,
    string? Page,
    string? UserAgent,
    string? TimeZone,
    int? UtcOffsetMinutes);
