namespace SupportBot.Mail;

/// <summary>
/// Sends plain-text mail to customers (ticket replies, transcripts). SMTP in production; a folder of .eml files in
/// development or when no mail server is configured, so nothing leaves a developer's machine by accident.
/// </summary>
public interface IMailSender
{
    /// <summary>Hands the message to the mail server (or the folder); throws <see cref="MailNotSentException"/> when it cannot.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}

/// <summary>One message to one recipient: the sender is the server's configured From.</summary>
public sealed record OutgoingMail(string To, string Subject, string Text);

/// <summary>The mail server refused the message or could not be reached: expected now and then, told to the person who sent it.</summary>
public sealed class MailNotSentException(string message, Exception? inner = null) : Exception(message, inner);
