using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SupportBot.Conversations;
using SupportBot.Mail;
using SupportBot.Web.Agents;
using SupportBot.Web.DirectLine;
using SupportBot.Web.Errors;
using SupportBot.Web.Hosting;

namespace SupportBot.Web.Mail;

/// <summary>
/// "Email me this transcript" for the widget: POST /widget/conversations/{id}/transcript with the conversation's
/// Direct Line token and {"email": "..."}; the conversation so far is mailed to that address. A few a conversation
/// an hour, so a token cannot turn the server into a mail cannon.
/// </summary>
public static partial class TranscriptMailApi
{
    public const string RateLimit = "transcript-mail";
    private const int MaxLines = 1000;

    public static IServiceCollection AddTranscriptMailRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter => limiter.AddPolicy(RateLimit, context =>
            Conversation(context) is { } conversation
                ? RateLimitPartition.GetFixedWindowLimiter(conversation, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<MailOptions>>().Value.TranscriptsPerHourPerConversation,
                    Window = TimeSpan.FromHours(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("")));

    public static IEndpointRouteBuilder MapMail(this IEndpointRouteBuilder app)
    {
        app.MapPost("/widget/conversations/{conversationId}/transcript", MailTranscript)
            .RequireCors(CorsPolicies.EmbeddingSites).RequireRateLimiting(RateLimit);
        return app;
    }

    private static async Task<IResult> MailTranscript(
        string conversationId, TranscriptMailRequest? body, HttpRequest request, DirectLineAuth auth, IConversationLog log,
        IMailSender mail, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (auth.Authorize(request, conversationId, out _) is { } authError)
        {
            return authError;
        }

        var to = body?.Email?.Trim();
        if (!MailAddresses.IsValid(to))
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, "\"email\" must be one mail address, like name@example.com.");
        }

        var lines = Transcripts.From(await log.ReadAsync(conversationId, 0, MaxLines, cancellationToken));
        try
        {
            await mail.SendAsync(new OutgoingMail(to!, "Your conversation with our support", Text(lines)), cancellationToken);
        }
        catch (MailNotSentException e)
        {
            LogNotMailed(loggers.CreateLogger(typeof(TranscriptMailApi)), conversationId, e.Message);
            return ApiError.Result(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The transcript could not be sent just now; try again later.");
        }

        return Results.Json(new TranscriptMailResponse(to!, lines.Count), statusCode: StatusCodes.Status202Accepted);
    }

    // What the customer saw: their lines, the bot's and the agents', each with its UTC time; hand-off bookkeeping is left out.
    private static string Text(IReadOnlyList<TranscriptEntry> lines)
    {
        var text = new StringBuilder("Here is your conversation with our support, times in UTC.\n\n");
        foreach (var line in lines.Where(l => l.Sender != "system" && !string.IsNullOrWhiteSpace(l.Text)))
        {
            var who = line.Sender == "customer" ? "You" : line.Name ?? (line.Sender == "agent" ? "Agent" : "Bot");
            text.Append(CultureInfo.InvariantCulture, $"[{line.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm}] {who}: {line.Text}\n");
        }

        return text.ToString();
    }

    private static string? Conversation(HttpContext context) =>
        context.GetRouteValue("conversationId") is string conversation
        && context.RequestServices.GetRequiredService<DirectLineAuth>().Authorize(context.Request, conversation, out _) is null
            ? conversation
            : null;

    [LoggerMessage(LogLevel.Warning, "A transcript of {ConversationId} was not mailed: {Problem}")]
    private static partial void LogNotMailed(ILogger logger, string conversationId, string problem);

    public sealed record TranscriptMailRequest(string? Email);

    public sealed record TranscriptMailResponse(string SentTo, int Lines);
}
