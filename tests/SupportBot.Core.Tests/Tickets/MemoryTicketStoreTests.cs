using SupportBot.Tickets;

namespace SupportBot.Tests.Tickets;

public class MemoryTicketStoreTests : TicketStoreContract
{
    protected override ITicketStore CreateStore() => new MemoryTicketStore();
}
