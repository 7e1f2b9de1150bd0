using SupportBot.Handoff.Agents;

namespace SupportBot.Tests.Handoff.Agents;

public class MemoryAgentPresenceTests : AgentPresenceContract
{
    protected override IAgentPresence CreatePresence() => new MemoryAgentPresence();
}
