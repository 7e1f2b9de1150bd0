using MimeKit;
using SupportBot.Mail;

namespace SupportBot.Web.Mail;

/// <summary>The MIME message both senders write: plain UTF-8 text from the configured sender.</summary>
internal static class MimeMail
{
    public static MimeMessage Build(string from, OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = mail.Text };
        return message;
    }
}
