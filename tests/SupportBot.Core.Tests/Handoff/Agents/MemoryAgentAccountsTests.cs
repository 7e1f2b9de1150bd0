using SupportBot.Handoff.Agents;

namespace SupportBot.Tests.Handoff.Agents;

public class MemoryAgentAccountsTests : AgentAccountsContract
{
    protected override IAgentAccounts CreateAccounts() => new MemoryAgentAccounts();
}
