using SupportBot.State;
using SupportBot.Tests.Builder;

namespace SupportBot.Tests.State;

public class BotStateTests
{
    private sealed record Counter(int Count);

    [Fact]
    public async Task APropertySetInOneTurnIsThereInTheNext()
    {
        var state = new ConversationState(new MemoryStorage());
        var counter = state.CreateProperty<Counter>("counter");
        var adapter = new TestAdapter();
        adapter.Use(new AutoSaveStateMiddleware(state));

        for (var i = 0; i < 3; i++)
        {
            await adapter.ProcessAsync(TestAdapter.Message("hi"), async (turn, ct) =>
            {
                var current = await counter.GetAsync(turn, () => new Counter(0), ct);
                await counter.SetAsync(turn, current with { Count = current.Count + 1 }, ct);
            });
        }

        var seen = 0;
        await adapter.ProcessAsync(TestAdapter.Message("hi"), async (turn, ct) => seen = (await counter.GetAsync(turn, () => new Counter(0), ct)).Count);
        Assert.Equal(3, seen);
    }

    [Fact]
    public async Task UserStateIsSharedAcrossConversationsOfTheSameUser()
    {
        var storage = new MemoryStorage();
        var state = new UserState(storage);
        var name = state.CreateProperty<string>("name");
        var adapter = new TestAdapter();
        adapter.Use(new AutoSaveStateMiddleware(state));
        await adapter.ProcessAsync(TestAdapter.Message("hi"), (turn, ct) => name.SetAsync(turn, "Ada", ct));

        var other = TestAdapter.Message("hi");
        other.Conversation = new("another-conversation");
        string? seen = null;
        await adapter.ProcessAsync(other, async (turn, ct) => seen = await name.GetAsync(turn, () => "?", ct));

        Assert.Equal("Ada", seen);
    }

    [Fact]
    public async Task TwoTurnsThatLoadedTheSameStateCannotBothSave()
    {
        var storage = new MemoryStorage();
        var state = new ConversationState(storage);
        var value = state.CreateProperty<int>("value");
        var adapter = new TestAdapter();
        var setup = new SupportBot.Builder.TurnContext(adapter, TestAdapter.Message("setup"));
        await value.SetAsync(setup, 0);
        await state.SaveChangesAsync(setup);
        var first = new SupportBot.Builder.TurnContext(adapter, TestAdapter.Message("a"));
        var second = new SupportBot.Builder.TurnContext(adapter, TestAdapter.Message("b"));
        await state.LoadAsync(first);
        await state.LoadAsync(second);

        await value.SetAsync(first, 1);
        await state.SaveChangesAsync(first);
        await value.SetAsync(second, 2);

        await Assert.ThrowsAsync<ETagConflictException>(() => state.SaveChangesAsync(second));
    }

    [Fact]
    public async Task DeletingStateStartsTheConversationAfresh()
    {
        var state = new ConversationState(new MemoryStorage());
        var step = state.CreateProperty<string>("step");
        var adapter = new TestAdapter();
        adapter.Use(new AutoSaveStateMiddleware(state));
        await adapter.ProcessAsync(TestAdapter.Message("a"), (turn, ct) => step.SetAsync(turn, "asking-order-number", ct));

        await adapter.ProcessAsync(TestAdapter.Message("b"), (turn, ct) => state.DeleteAsync(turn, ct));

        string? seen = null;
        await adapter.ProcessAsync(TestAdapter.Message("c"), async (turn, ct) => seen = await step.GetAsync(turn, () => "start", ct));
        Assert.Equal("start", seen);
    }
}
