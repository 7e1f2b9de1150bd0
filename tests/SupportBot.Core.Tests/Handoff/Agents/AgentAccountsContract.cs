using SupportBot.Handoff.Agents;

namespace SupportBot.Tests.Handoff.Agents;

/// <summary>What every <see cref="IAgentAccounts"/> must do; run against the in-memory twin and against real Redis.</summary>
public abstract class AgentAccountsContract
{
    protected abstract IAgentAccounts CreateAccounts();

    private static AgentAccount Account(string id, string name = "Anna") => new()
    {
        Id = id,
        Name = name,
        PasswordHash = "pbkdf2-sha256$100000$c2FsdA==$aGFzaA==",
        Roles = [AgentRoles.Agent, AgentRoles.Supervisor],
        Languages = ["th", "en"],
        Skills = ["billing"],
        Capacity = 5,
    };

    [Fact]
    public async Task ASavedAccountIsFoundWithEverythingItHad()
    {
        var accounts = CreateAccounts();
        var anna = Account("anna");

        await accounts.SaveAsync(anna);

        Assert.Equivalent(anna, await accounts.FindAsync("anna"), strict: true);
        Assert.Null(await accounts.FindAsync("nobody"));
    }

    [Fact]
    public async Task SavingAgainReplacesTheAccount()
    {
        var accounts = CreateAccounts();
        await accounts.SaveAsync(Account("anna"));

        await accounts.SaveAsync(Account("anna", "Anna K.") with { Capacity = 1, Skills = [] });

        var found = (await accounts.FindAsync("anna"))!;
        Assert.Equal(("Anna K.", 1), (found.Name, found.Capacity));
        Assert.Empty(found.Skills);
        Assert.Single(await accounts.AllAsync());
    }

    [Fact]
    public async Task AllListsEveryAccountById()
    {
        var accounts = CreateAccounts();
        await accounts.SaveAsync(Account("chai"));
        await accounts.SaveAsync(Account("anna"));
        await accounts.SaveAsync(Account("bo"));

        Assert.Equal(["anna", "bo", "chai"], (await accounts.AllAsync()).Select(a => a.Id));
    }

    [Fact]
    public async Task DeleteRemovesTheAccountAndSaysWhetherThereWasOne()
    {
        var accounts = CreateAccounts();
        await accounts.SaveAsync(Account("anna"));

        Assert.True(await accounts.DeleteAsync("anna"));
        Assert.False(await accounts.DeleteAsync("anna"));
        Assert.Null(await accounts.FindAsync("anna"));
        Assert.Empty(await accounts.AllAsync());
    }
}
