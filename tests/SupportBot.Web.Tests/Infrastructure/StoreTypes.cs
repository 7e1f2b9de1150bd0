using SupportBot.Attachments;
using SupportBot.Conversations;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.State;

namespace SupportBot.Tests.Infrastructure;

/// <summary>The implementation the server picked for each store interface.</summary>
public static class StoreTypes
{
    private static readonly Type[] Interfaces =
    [
        typeof(IConversationLog), typeof(IStorage), typeof(IAttachmentStore), typeof(ITurnLock), typeof(IHandoffStore),
        typeof(ITicketStore), typeof(IAgentSessions), typeof(IAgentAccounts), typeof(IAgentPresence), typeof(ISignInThrottle),
        typeof(IQueueLease),
    ];

    public static IReadOnlyList<Type> Resolve(IServiceProvider services) =>
        [.. Interfaces.Select(i => services.GetRequiredService(i).GetType())];
}
