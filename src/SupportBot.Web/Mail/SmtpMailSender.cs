using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using SupportBot.Mail;

namespace SupportBot.Web.Mail;

/// <summary>Sends through the configured SMTP server with MailKit: one connection a message (replies are rare; no pool to keep alive).</summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        using var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(o.Host, o.Port, o.Security, cancellationToken);
            if (o.User.Length > 0)
            {
                await client.AuthenticateAsync(o.User, o.Password, cancellationToken);
            }

            await client.SendAsync(MimeMail.Build(o.From, mail), cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
            or MailKit.Security.AuthenticationException or System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            throw new MailNotSentException($"the mail server {o.Host}:{o.Port} said: {e.Message}", e);
        }
    }
}
