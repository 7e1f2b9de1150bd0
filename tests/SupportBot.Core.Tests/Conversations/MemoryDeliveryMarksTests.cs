using Microsoft.Extensions.Options;
using SupportBot.Conversations;

namespace SupportBot.Tests.Conversations;

public sealed class MemoryDeliveryMarksTests : DeliveryMarksContract
{
    protected override IConversationLog CreateLog() =>
        new MemoryConversationLog(Clock, Options.Create(new ConversationOptions { RedeliverAfter = RedeliverAfter }));
}
