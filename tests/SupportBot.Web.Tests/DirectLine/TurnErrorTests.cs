using SupportBot.Builder;
using SupportBot.State;
using SupportBot.Tests.Infrastructure;
using SupportBot.Web.DirectLine;

namespace SupportBot.Tests.DirectLine;

public class TurnErrorTests
{
    /// <summary>
    /// Remembers every message in conversation state, and fails on "boom" after changing it; "clash" finds its state
    /// written meanwhile by another process's turn; "slow" takes a second.
    /// </summary>
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
            switch (turnContext.Activity.Text)
            {
                case "boom":
                    throw new InvalidOperationException("the dialog broke");
                case "clash":
                    throw new ETagConflictException("conversation");
                case "slow":
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                    break;
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
        var logged = Assert.Single(app.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(typeof(DirectLineAdapter).FullName, logged.Category);
        Assert.Equal("the dialog broke", Assert.IsType<InvalidOperationException>(logged.Exception).Message);
        Assert.Contains(conversation.Id, logged.Message);
        Assert.Contains(failing, logged.Message);
        // The failed turn's state was thrown away and the broken state cleared: the bot starts afresh.
        Assert.Equal("seen: two", afterwards["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task WhenAnotherTurnWroteTheStateFirstTheCustomerIsAskedToSendAgainAndTheStateIsKept()
    {
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<IBot, FragileBot>());
        var conversation = await app.Client.StartAsync();

        await app.Client.WaitForReplyAsync(conversation, await app.Client.SayAsync(conversation, "one", "th-TH"));
        var clash = await app.Client.WaitForReplyAsync(conversation, await app.Client.SayAsync(conversation, "clash", "th-TH"));
        var afterwards = await app.Client.WaitForReplyAsync(conversation, await app.Client.SayAsync(conversation, "two", "th-TH"));

        Assert.StartsWith("ขออภัยค่ะ ข้อความนี้", clash["text"]!.GetValue<string>());
        Assert.Equal("seen: one,two", afterwards["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMessageThatWaitsLongForTheTurnBeforeItIsToldOfTheDelayThenAnsweredInOrderNeverAskedToSendAgain()
    {
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?> { ["Conversations:TurnLockWait"] = "00:00:00.200" },
            s => s.AddSingleton<IBot, FragileBot>());
        var conversation = await app.Client.StartAsync();

        var slow = app.Client.SayAsync(conversation, "slow");
        await Task.Delay(100);
        var impatient = await app.Client.SayAsync(conversation, "impatient");
        var answer = await app.Client.WaitForReplyAsync(conversation, impatient);
        await app.Client.WaitForReplyAsync(conversation, await slow);
        var afterwards = await app.Client.WaitForReplyAsync(conversation, await app.Client.SayAsync(conversation, "two"));
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);
        var botTexts = activities.Where(a => a["from"]!["role"]?.GetValue<string>() == "bot").Select(a => a["text"]?.GetValue<string>()).ToList();

        Assert.Equal("seen: slow,impatient", answer["text"]!.GetValue<string>());
        Assert.Equal("seen: slow,impatient,two", afterwards["text"]!.GetValue<string>());
        Assert.DoesNotContain(botTexts, t => t?.StartsWith("Sorry, that message crossed", StringComparison.Ordinal) == true);
        Assert.Single(botTexts, t => t?.StartsWith("This is taking longer than usual", StringComparison.Ordinal) == true);
    }
}
