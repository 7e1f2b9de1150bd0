using MailKit.Security;
using MimeKit;

namespace SupportBot.Web.Mail;

/// <summary>
/// Mail:*: the SMTP server that carries ticket replies and transcripts to customers. With no Host (or in
/// Development) nothing is sent: each message is written as an .eml file to <see cref="PickupDirectory"/>.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The SMTP server; empty writes messages to <see cref="PickupDirectory"/> instead.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>MailKit's SecureSocketOptions: StartTls (the default: encryption required), SslOnConnect (port 465), None (a local relay only), Auto.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>Sign-in name for the server; empty sends without authenticating.</summary>
    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>The sender customers see, "Name &lt;address&gt;" or a bare address.</summary>
    public string From { get; set; } = "SupportBot <support@localhost>";

    /// <summary>Where messages go when they are not sent; empty is supportbot-mail in the system's temp folder.</summary>
    public string PickupDirectory { get; set; } = "";

    /// <summary>How many transcripts one conversation may have mailed in an hour (the widget's "email me this transcript").</summary>
    public int TranscriptsPerHourPerConversation { get; set; } = 3;

    /// <summary>Seconds to wait for the SMTP server to connect and answer.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    public string ResolvedPickupDirectory => string.IsNullOrWhiteSpace(PickupDirectory)
        ? Path.Combine(Path.GetTempPath(), "supportbot-mail")
        : Path.GetFullPath(PickupDirectory);

    public bool HasValidFrom => MailboxAddress.TryParse(From, out _);
}
