using Microsoft.Extensions.Options;
using SupportBot.Handoff.Tickets;
using SupportBot.Mail;
using SupportBot.Web.Hosting;

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

        // Development never mails real customers, even with a Host copied from production settings.
        var toFolder = builder.Environment.IsDevelopment() || string.IsNullOrWhiteSpace(builder.Configuration[$"{MailOptions.Section}:Host"]);
        if (toFolder)
        {
            services.AddSingleton<IMailSender, FolderMailSender>();
        }
        else
        {
            services.AddSingleton<IMailSender, SmtpMailSender>();
        }

        services.AddSingleton<TicketReplies>();
        services.AddSingleton(new MailReport(toFolder));
        services.AddHostedService<MailStartupLine>();
        services.AddTranscriptMailRateLimit();
        return builder;
    }

    private sealed record MailReport(bool ToFolder);

    /// <summary>Says at startup where mail goes, so nobody waits for a message that sits in a folder.</summary>
    private sealed class MailStartupLine(MailReport report, IOptions<MailOptions> options, ILogger<MailReport> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var o = options.Value;
            if (report.ToFolder)
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
