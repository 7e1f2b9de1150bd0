using SupportBot.Agents;

namespace SupportBot.Tests.Agents;

public class MemoryAgentAccountsTests : AgentAccountsContract
{
    protected override IAgentAccounts CreateAccounts() => new MemoryAgentAccounts();
}
