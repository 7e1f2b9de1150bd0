using SupportBot.Handoff.Agents;
using SupportBot.Redis;

namespace SupportBot.Tests.Handoff.Agents;

public class RedisAgentAccountsServerTests : AgentAccountsContract
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();

    protected override IAgentAccounts CreateAccounts() => new RedisAgentAccounts(RedisTestServer.Connect(), new RedisKeys(_prefix));

    [Fact]
    public async Task AnAccountSavedByOneProcessIsFoundByAnother()
    {
        using var otherConnection = await RedisTestServer.ConnectAnotherAsync();
        var other = new RedisAgentAccounts(otherConnection, new RedisKeys(_prefix));

        await CreateAccounts().SaveAsync(new AgentAccount { Id = "anna", Name = "Anna", PasswordHash = PasswordHasher.Hash("secret") });

        Assert.True(PasswordHasher.Verify("secret", (await other.FindAsync("anna"))!.PasswordHash));
    }
}
