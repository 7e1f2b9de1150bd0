using SupportBot.Handoff.Tickets;
using SupportBot.Redis;

namespace SupportBot.Tests.Handoff.Tickets;

public class RedisTicketStoreServerTests : TicketStoreContract
{
    private readonly string _prefix = RedisTestServer.UniquePrefix();

    protected override ITicketStore CreateStore() => new RedisTicketStore(RedisTestServer.Connect(), new RedisKeys(_prefix));

    [Fact]
    public async Task TicketsLeftOnTwoProcessesAtOnceGetDistinctSequentialIds()
    {
        using var otherConnection = await RedisTestServer.ConnectAnotherAsync();
        var first = CreateStore();
        var second = new RedisTicketStore(otherConnection, new RedisKeys(_prefix));

        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second).CreateAsync(NewTicket())));

        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"TCK-{n:D5}"), created.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.Equal(20, (await second.ListAsync(100, includeResolved: false)).Count);
    }
}
