using Microsoft.Extensions.Options;
using SupportBot.Handoff.Desk;
using SupportBot.Handoff.Tickets;
using SupportBot.Mail;

namespace SupportBot.Web.Mail;

/// <summary>Mail to customers: the Mail:* options, SMTP or the pickup folder, ticket replies and the transcript endpoint.</summary>
public static class MailFeature
{
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .Validate(o => o.Port is > 0 and < 65536, "Mail:Port is 1-65535.")
            .Validate(o => o.HasValidFrom, "Mail:From is not a mail address (\"Name <address>\" or a bare address).")
            .Validate(o => o.TranscriptsPerHourPerConversation > 0 && o.TimeoutSeconds > 0, "Mail:TranscriptsPerHourPerConversation and Mail:TimeoutSeconds must be positive.")
            .ValidateOnStart();

        services.AddSingleton<FolderMailSender>();
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<IMailSender>(sp => ToFolder(sp) ? sp.GetRequiredService<FolderMailSender>() : sp.GetRequiredService<SmtpMailSender>());
        services.AddSingleton<TicketReplies>();
        services.AddHostedService<MailStartupLine>();
        services.AddTranscriptMailRateLimit();
        return builder;
    }

    // Development never mails real customers, even with a Host copied from production settings.
    private static bool ToFolder(IServiceProvider services) =>
        services.GetRequiredService<IHostEnvironment>().IsDevelopment()
        || string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<MailOptions>>().Value.Host);

    /// <summary>Says at startup where mail goes, so nobody waits for a message that sits in a folder.</summary>
    private sealed class MailStartupLine(IServiceProvider services, IOptions<MailOptions> options, ILogger<MailOptions> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var o = options.Value;
            if (ToFolder(services))
            {
                logger.LogInformation("Mail to customers is not sent: each message is written as an .eml file to {Folder} (Development, or no Mail:Host).", o.ResolvedPickupDirectory);
            }
            else
            {
                logger.LogInformation("Mail to customers goes through {Host}:{Port} ({Security}) from {From}.", o.Host, o.Port, o.Security, o.From);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
