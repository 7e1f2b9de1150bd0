using System.CommandLine;
using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SupportBot.Attachments;
using SupportBot.Conversations;
using SupportBot.Handoff;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.Insights.Archive;
using SupportBot.Redis;
using SupportBot.State;

namespace SupportBot.Cli.Commands;

/// <summary><c>customers forget</c>: a privacy request, answered from a shell on the Redis and the archive the servers share.</summary>
internal static class CustomersCommand
{
    public static Command Create() => new("customers", "Customers' data: delete one customer's conversations everywhere.") { Forget() };

    private static Command Forget()
    {
        var user = new Argument<string>("user-id") { Description = "The customer's user id (Direct Line from.id; the channel's user id)." };
        var archive = CliOptions.Archive(required: true);
        var command = new Command("forget", """
            Deletes every conversation of the customer: the live ones in Redis (log, pending turns, connector reference,
            hand-offs and notes, surveys, files, tickets, bot state and the customer's user state) and the archived
            ones with their hand-offs, surveys, answers and tickets. Prints what was deleted.
            """) { user, archive };
        return command.WithRedis((parse, redis, keys) =>
        {
            var customer = parse.GetRequiredValue(user).Trim();
            if (customer.Length == 0)
            {
                throw new UsageException("The user id is empty.");
            }

            var output = parse.InvocationConfiguration.Output;
            using var log = new RedisConversationLog(redis, keys, Options.Create(new ConversationOptions()), TimeProvider.System, NullLogger<RedisConversationLog>.Instance);
            var store = CliOptions.OpenArchive(parse.GetRequiredValue(archive));
            try
            {
                var result = new CustomerForgetting(log, store, CustomerData(redis, keys), TimeProvider.System).ForgetAsync(customer).GetAwaiter().GetResult();
                output.WriteLine($"customer {customer}: deleted {result.LiveConversations.Count} live and {result.ArchivedConversations.Count} archived conversation(s)");
                foreach (var id in result.LiveConversations.Union(result.ArchivedConversations, StringComparer.Ordinal))
                {
                    output.WriteLine($"  {id}");
                }

                return 0;
            }
            catch (DbException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: the archive did not answer ({e.Message}); Redis may be done, the archive is not: run it again.");
                return 1;
            }
        });
    }

    // The Redis stores that keep something of a customer besides the log, as the server's ArchiveFeature lists them.
    private static ICustomerData[] CustomerData(IConnectionMultiplexer redis, RedisKeys keys) =>
    [
        new RedisHandoffStore(redis, keys, Options.Create(new HandoffOptions())), new RedisTicketStore(redis, keys),
        new RedisAttachmentStore(redis, keys, Options.Create(new ConversationOptions())),
        new RedisStorage(redis, keys, Options.Create(new StateOptions())), new RedisConversationReferences(redis, keys, Options.Create(new ConversationOptions())),
    ];
}
