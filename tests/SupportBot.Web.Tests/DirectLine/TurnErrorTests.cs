using SupportBot.Builder;
using SupportBot.State;
using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.DirectLine;

public class TurnErrorTests
{
    /// <summary>Remembers every message in conversation state, and fails on "boom" after changing it.</summary>
    private sealed class FragileBot(ConversationState state) : IBot
    {
        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            if (turnContext.Activity.Type != "message")
            {
                return;
            }

            var seen = state.CreateProperty<List<string>>("seen");
            var list = await seen.GetAsync(turnContext, () => [], cancellationToken);
            list.Add(turnContext.Activity.Text!);
            await seen.SetAsync(turnContext, list, cancellationToken);
            if (turnContext.Activity.Text == "boom")
            {
                throw new InvalidOperationException("the dialog broke");
            }

            await turnContext.SendActivityAsync($"seen: {string.Join(",", list)}", cancellationToken);
        }
    }

    [Fact]
    public async Task WhenTheBotThrowsTheCustomerGetsAnApologyInTheirLanguageAndTheConversationCarriesOn()
    {
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<IBot, FragileBot>());
        var conversation = await app.Client.StartAsync();

        var first = await app.Client.SayAsync(conversation, "one", "ru-RU");
        await app.Client.WaitForReplyAsync(conversation, first);
        var failing = await app.Client.SayAsync(conversation, "boom", "ru-RU");
        var apology = await app.Client.WaitForReplyAsync(conversation, failing);
        var next = await app.Client.SayAsync(conversation, "two", "ru-RU");
        var afterwards = await app.Client.WaitForReplyAsync(conversation, next);

        Assert.StartsWith("Извините", apology["text"]!.GetValue<string>());
        // The failed turn's state was thrown away and the broken state cleared: the bot starts afresh.
        Assert.Equal("seen: two", afterwards["text"]!.GetValue<string>());
    }
}
