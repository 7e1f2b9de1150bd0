using SupportBot.Attachments;
using SupportBot.Conversations;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.State;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Archive;

/// <summary>A privacy request on a server with the in-memory stores: every store lets go of the customer, and only of them.</summary>
public sealed class ForgetEverywhereTests
{
    [Fact]
    public async Task ForgettingACustomerEmptiesEveryInMemoryStoreOfThemAndKeepsEveryoneElse()
    {
        await using var app = await TestApp.StartAsync(HistoryApiTests.Settings(new Dictionary<string, string?> { ["Handoff:Enabled"] = "true", ["Handoff:SurveyNps"] = "true" }));
        var supervisor = await AgentTestClient.SignInAsync(app.BaseUrl, "sam");
        CustomerTrail forgotten, kept;
        await using (var agent = await AgentTestClient.ConnectAsync(app.BaseUrl, "agent-01"))
        {
            forgotten = await CustomerTrail.LeaveAsync(app, agent, $"dl_forget-{Guid.NewGuid():N}");
            kept = await CustomerTrail.LeaveAsync(app, agent, $"dl_keep-{Guid.NewGuid():N}");
        }

        Assert.Equal(Everything(), await FindAsync(app, forgotten));

        var answer = await ReadObjectAsync(await app.Client.SendAsync(HttpMethod.Delete, $"/agent/api/customers/{forgotten.Customer}", supervisor));

        Assert.Equal([forgotten.ConversationId], answer["liveConversations"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(await FindAsync(app, forgotten));
        Assert.Equal(Everything(), await FindAsync(app, kept));
    }

    private static List<string> Everything() =>
        ["attachment", "conversation", "conversation state", "ended hand-off", "hand-off", "notes", "reference", "ticket", "user state"];

    /// <summary>What the stores still hold of the customer, by kind.</summary>
    private static async Task<List<string>> FindAsync(TestApp app, CustomerTrail trail)
    {
        var services = app.Services;
        var id = trail.ConversationId;
        var handoffs = services.GetRequiredService<IHandoffStore>();
        var state = await services.GetRequiredService<IStorage>().ReadAsync([trail.UserStateKey, trail.ConversationStateKey]);
        var ended = await handoffs.EndedAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var found = new Dictionary<string, bool>
        {
            ["conversation"] = await services.GetRequiredService<IConversationLog>().GetAsync(id) is not null,
            ["reference"] = await services.GetRequiredService<IConversationReferences>().GetAsync(id) is not null,
            ["attachment"] = await services.GetRequiredService<IAttachmentStore>().GetAsync(trail.AttachmentId) is not null,
            ["hand-off"] = await handoffs.GetAsync(id) is not null,
            ["ended hand-off"] = ended.Any(h => h.ConversationId == id || h.UserId == trail.Customer),
            ["notes"] = (await handoffs.NotesAsync(id)).Count > 0,
            ["ticket"] = (await services.GetRequiredService<ITicketStore>().ListAsync(1000, includeResolved: true)).Any(t => t.ConversationId == id)
                || await services.GetRequiredService<ITicketStore>().GetAsync(trail.TicketId) is not null,
            ["user state"] = state.ContainsKey(trail.UserStateKey),
            ["conversation state"] = state.ContainsKey(trail.ConversationStateKey),
        };
        return [.. found.Where(f => f.Value).Select(f => f.Key).Order(StringComparer.Ordinal)];
    }
}
