using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Hosting;

public class TwoServerProcessesServerTests
{
    [Fact]
    public async Task AStreamOpenOnOneProcessReceivesWhatTheOtherAppends()
    {
        RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        await using var first = await ServerProcess.StartAsync(prefix);
        await using var second = await ServerProcess.StartAsync(prefix);
        var conversation = await first.Client.StartAsync();

        using var streamOnSecond = await OpenStreamAsync(conversation.StreamUrl.Replace(new Uri(first.BaseUrl).Authority, new Uri(second.BaseUrl).Authority, StringComparison.Ordinal));
        using var streamOnFirst = await OpenStreamAsync(conversation.StreamUrl);
        await ReceiveActivitiesAsync(streamOnSecond, 2);
        await ReceiveActivitiesAsync(streamOnFirst, 2);

        var postedToFirst = await first.Client.SayAsync(conversation, "via the first process");
        var seenOnSecond = await ReceiveActivitiesAsync(streamOnSecond, 2);
        var postedToSecond = await second.Client.SayAsync(conversation, "via the second process");
        var seenOnFirst = await ReceiveActivitiesAsync(streamOnFirst, 4);

        Assert.Equal([postedToFirst, postedToFirst], seenOnSecond.Select(a => a["id"]?.GetValue<string>() == postedToFirst ? postedToFirst : a["replyToId"]!.GetValue<string>()));
        Assert.Equal(
            [$"{conversation.Id}|0000003", $"{conversation.Id}|0000004", $"{conversation.Id}|0000005", $"{conversation.Id}|0000006"],
            seenOnFirst.Select(a => a["id"]!.GetValue<string>()));
        Assert.Equal(postedToSecond, seenOnFirst[3]["replyToId"]!.GetValue<string>());
    }
}
