using SupportBot.Handoff;

namespace SupportBot.Tests.Handoff;

public class MemoryHandoffStoreTests : HandoffStoreContract
{
    protected override IHandoffStore CreateStore() => new MemoryHandoffStore();
}
