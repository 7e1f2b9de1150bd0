using Microsoft.Extensions.Options;
using SupportBot.Mail;

namespace SupportBot.Web.Mail;

/// <summary>Writes each message as an .eml file (openable by any mail program) instead of sending it: development, or no Mail:Host.</summary>
public sealed class FolderMailSender(IOptions<MailOptions> options, TimeProvider clock) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var folder = options.Value.ResolvedPickupDirectory;
        try
        {
            Directory.CreateDirectory(folder);
            var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";
            await MimeMail.Build(options.Value.From, mail).WriteToAsync(Path.Combine(folder, name), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MailNotSentException($"could not write to {folder}: {e.Message}", e);
        }
    }
}
