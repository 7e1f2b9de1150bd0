using SupportBot.Handoff.Queue;

namespace SupportBot.Tests.Handoff.Queue;

public class MemoryHandoffStoreTests : HandoffStoreContract
{
    protected override IHandoffStore CreateStore() => new MemoryHandoffStore();
}
