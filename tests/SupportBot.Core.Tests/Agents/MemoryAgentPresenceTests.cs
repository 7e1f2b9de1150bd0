using SupportBot.Agents;

namespace SupportBot.Tests.Agents;

public class MemoryAgentPresenceTests : AgentPresenceContract
{
    protected override IAgentPresence CreatePresence() => new MemoryAgentPresence();
}
