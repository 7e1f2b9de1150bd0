using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Dialogs;

/// <summary>A flow's place lives in Redis: it carries on after a crash and on another server process.</summary>
public class DialogFlowServerTests
{
    [Fact]
    public async Task AFlowInterruptedByAServerCrashCarriesOnAfterTheRestart()
    {
        RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        CustomerChat chat;
        await using (var before = await ServerProcess.StartAsync(prefix))
        {
            chat = await CustomerChat.StartAsync(before.Client, "ar-AE");
            var prompt = Assert.Single(await chat.SaysAsync("أرغب في إلغاء الطلب"));
            Assert.Contains("ORD-12345", prompt); // asked for the order number
            var question = Assert.Single(await chat.SaysAsync("ORD-10007"));
            Assert.Contains("ORD-10007", question); // asked to confirm the cancellation
            await before.KillAsync();
        }

        await using var after = await ServerProcess.StartAsync(prefix);
        var done = await chat.Via(after.Client).SaysAsync("نعم");

        Assert.Contains("ORD-10007", done[0]);
        Assert.Matches(@"\p{IsArabic}", done[0]);
        var again = await chat.Via(after.Client).SaysAsync("أين طلبي؟"); // the order number is still known, and the order is cancelled
        Assert.Contains("ORD-10007", again[0]);
    }

    [Fact]
    public async Task EachTurnOfAFlowMayBeServedByADifferentProcess()
    {
        RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        await using var first = await ServerProcess.StartAsync(prefix);
        await using var second = await ServerProcess.StartAsync(prefix);
        var onFirst = await CustomerChat.StartAsync(first.Client, "ru-RU");

        Assert.Single(await onFirst.SaysAsync("адрес указан старый, поменяйте на новый"));
        var onSecond = onFirst.Via(second.Client);
        var askAddress = Assert.Single(await onSecond.SaysAsync("ORD-10014"));
        var confirm = Assert.Single(await onSecond.Via(first.Client).SaysAsync("Казань, ул. Баумана, д. 3, кв. 5"));

        Assert.Matches(@"\p{IsCyrillic}", askAddress);
        Assert.Contains("Казань, ул. Баумана, д. 3, кв. 5", confirm);
    }
}
