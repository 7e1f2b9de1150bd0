using SupportBot.Agents;
using SupportBot.Attachments;
using SupportBot.Conversations;
using SupportBot.Handoff;
using SupportBot.State;
using SupportBot.Tickets;

namespace SupportBot.Tests.Infrastructure;

/// <summary>The implementation the server picked for each store interface.</summary>
public static class StoreTypes
{
    private static readonly Type[] Interfaces =
    [
        typeof(IConversationLog), typeof(IStorage), typeof(IAttachmentStore), typeof(ITurnLock), typeof(IHandoffStore),
        typeof(ITicketStore), typeof(IAgentSessions), typeof(IAgentAccounts), typeof(IAgentPresence), typeof(ISignInThrottle),
    ];

    public static IReadOnlyList<Type> Resolve(IServiceProvider services) =>
        [.. Interfaces.Select(i => services.GetRequiredService(i).GetType())];
}
