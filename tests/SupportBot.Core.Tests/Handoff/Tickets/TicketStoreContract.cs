using System.Globalization;
using SupportBot.Handoff;
using SupportBot.Handoff.Tickets;

namespace SupportBot.Tests.Handoff.Tickets;

/// <summary>What every <see cref="ITicketStore"/> must do; run against the in-memory twin and against real Redis.</summary>
public abstract class TicketStoreContract
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-22T10:00:00Z", CultureInfo.InvariantCulture);

    protected abstract ITicketStore CreateStore();

    protected static Ticket NewTicket(string message = "Where is my refund?") => new()
    {
        ConversationId = $"conv-{Guid.NewGuid():N}",
        Email = "ada@example.com",
        Message = message,
        Language = "th",
        Reason = HandoffReasons.CustomerRequest,
        CreatedAt = T0,
    };

    [Fact]
    public async Task TicketsGetSequentialIds()
    {
        var store = CreateStore();

        var first = await store.CreateAsync(NewTicket());
        var second = await store.CreateAsync(NewTicket());

        Assert.Equal(("TCK-00001", "TCK-00002"), (first.Id, second.Id));
    }

    [Fact]
    public async Task ACreatedTicketReadsBackAsItWasLeft()
    {
        var store = CreateStore();
        var created = await store.CreateAsync(NewTicket("ยังไม่ได้รับเงินคืน \"ครับ\""));

        var read = await store.GetAsync(created.Id);

        Assert.Equal(created, read);
        Assert.True(read!.IsOpen);
        Assert.Null(await store.GetAsync("TCK-99999"));
    }

    [Fact]
    public async Task TheListIsNewestFirstAndCappedAtMax()
    {
        var store = CreateStore();
        for (var i = 1; i <= 4; i++)
        {
            await store.CreateAsync(NewTicket($"message {i}"));
        }

        Assert.Equal(["TCK-00004", "TCK-00003", "TCK-00002"], (await store.ListAsync(3, includeResolved: false)).Select(t => t.Id));
        Assert.Empty(await store.ListAsync(0, includeResolved: true));
    }

    [Fact]
    public async Task ResolvedTicketsAreListedOnlyWhenAskedFor()
    {
        var store = CreateStore();
        var first = await store.CreateAsync(NewTicket());
        var second = await store.CreateAsync(NewTicket());
        var third = await store.CreateAsync(NewTicket());

        await store.ResolveAsync(second.Id, "anna", T0.AddHours(1));

        Assert.Equal([third.Id, first.Id], (await store.ListAsync(10, includeResolved: false)).Select(t => t.Id));
        Assert.Equal([third.Id, second.Id, first.Id], (await store.ListAsync(10, includeResolved: true)).Select(t => t.Id));
    }

    [Fact]
    public async Task ResolvingRecordsWhoAndWhen()
    {
        var store = CreateStore();
        var ticket = await store.CreateAsync(NewTicket());

        Assert.True(await store.ResolveAsync(ticket.Id, "anna", T0.AddHours(1)));

        var resolved = (await store.GetAsync(ticket.Id))!;
        Assert.Equal(("anna", T0.AddHours(1), false), (resolved.ResolvedBy, resolved.ResolvedAt, resolved.IsOpen));
        Assert.Equal(ticket with { ResolvedBy = "anna", ResolvedAt = T0.AddHours(1) }, resolved);
    }

    [Fact]
    public async Task AResolvedOrUnknownTicketCannotBeResolvedAgain()
    {
        var store = CreateStore();
        var ticket = await store.CreateAsync(NewTicket());
        await store.ResolveAsync(ticket.Id, "anna", T0.AddHours(1));

        Assert.False(await store.ResolveAsync(ticket.Id, "bo", T0.AddHours(2)));
        Assert.False(await store.ResolveAsync("TCK-99999", "bo", T0.AddHours(2)));

        Assert.Equal("anna", (await store.GetAsync(ticket.Id))!.ResolvedBy);
    }
}
