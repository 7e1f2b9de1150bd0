using SupportBot.Handoff.Tickets;

namespace SupportBot.Tests.Handoff.Tickets;

public class MemoryTicketStoreTests : TicketStoreContract
{
    protected override ITicketStore CreateStore() => new MemoryTicketStore();
}
