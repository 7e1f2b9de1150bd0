using Microsoft.Extensions.Logging;
using SupportBot.Handoff.Tickets;
using SupportBot.Mail;

namespace SupportBot.Handoff.Desk;

/// <summary>
/// Answering a ticket: the reply is mailed to the address the customer left, and recorded on the ticket only once
/// the mail server took it, so the ticket never claims an answer the customer did not get.
/// </summary>
public sealed partial class TicketReplies(ITicketStore tickets, IMailSender mail, TimeProvider clock, ILogger<TicketReplies> logger)
{
    public const int MaxReplyLength = 8000;

    public async Task<DeskResult<Ticket>> ReplyAsync(DeskAgent agent, string? ticketId, string? text, CancellationToken ct)
    {
        var body = text?.Trim();
        if (DeskArguments.Id(ticketId, "A ticket id") is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrEmpty(body) || body.Length > MaxReplyLength)
        {
            return new DeskRefusal(DeskCodes.InvalidText, $"A reply needs text, at most {MaxReplyLength} characters.");
        }

        if (await tickets.GetAsync(ticketId!, ct) is not { } ticket)
        {
            return new DeskRefusal(DeskCodes.NotFound, $"There is no ticket \"{ticketId}\".");
        }

        try
        {
            await mail.SendAsync(Message(ticket, agent, body), ct);
        }
        catch (MailNotSentException e)
        {
            LogNotSent(ticket.Id, e.Message);
            return new DeskRefusal(DeskCodes.MailFailed, $"The reply was not sent ({e.Message}). Try again later.");
        }

        var reply = new TicketReply(agent.Id, agent.Name, body, clock.GetUtcNow());
        await tickets.AddReplyAsync(ticket.Id, reply, ct);
        return ticket with { Replies = [.. ticket.Replies, reply] };
    }

    // The customer's own words are quoted under the answer, so the mail makes sense on its own days later.
    private static OutgoingMail Message(Ticket ticket, DeskAgent agent, string body)
    {
        var quoted = string.Join('\n', ticket.Message.Split('\n').Select(line => "> " + line.TrimEnd('\r')));
        return new OutgoingMail(
            ticket.Email,
            $"Re: your message to our support ({ticket.Id})",
            $"{body}\n\n{agent.Name}\n\nYou wrote on {ticket.CreatedAt:yyyy-MM-dd HH:mm} UTC:\n{quoted}\n");
    }

    [LoggerMessage(LogLevel.Warning, "The reply to ticket {TicketId} was not sent: {Problem}")]
    private partial void LogNotSent(string ticketId, string problem);
}
