namespace SupportBot.Handoff.Desk;

/// <summary>The codes of the desk's refusals, as the console shows them before the message ("taken: ...").</summary>
public static class DeskCodes
{
    public const string BadArgument = "bad_argument";
    public const string NotFound = "not_found";
    public const string NotAllowed = "not_allowed";
    public const string NotOwner = "not_owner";
    public const string Taken = "taken";
    public const string AtCapacity = "at_capacity";
    public const string Offline = "offline";
    public const string InvalidText = "invalid_text";
    public const string InvalidIntent = "invalid_intent";
    public const string InvalidResolution = "invalid_resolution";
    public const string InvalidStatus = "invalid_status";
    public const string InvalidTarget = "invalid_target";

    /// <summary>The mail server refused or could not be reached: the agent may try again later.</summary>
    public const string MailFailed = "mail_failed";

    /// <summary>Not a refusal: something failed that nobody expected, and it is logged as an error.</summary>
    public const string ServerError = "server_error";
}
