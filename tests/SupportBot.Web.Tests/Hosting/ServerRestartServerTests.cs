using SupportBot.Tests.Infrastructure;

namespace SupportBot.Tests.Hosting;

public class ServerRestartServerTests
{
    [Fact]
    public async Task AConversationSurvivesAServerRestartWithItsHistoryAndWatermarks()
    {
        RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        DirectLineTestClient.Conversation conversation;
        List<string> idsBefore;
        await using (var before = await ServerProcess.StartAsync(prefix))
        {
            conversation = await before.Client.StartAsync("th-TH");
            var id = await before.Client.SayAsync(conversation, "ก่อนรีสตาร์ท", "th-TH");
            await before.Client.WaitForReplyAsync(conversation, id);
            idsBefore = [.. (await before.Client.GetActivitiesAsync(conversation)).Activities.Select(a => a["id"]!.GetValue<string>())];
            await before.KillAsync();
        }

        await using var after = await ServerProcess.StartAsync(prefix);
        var (history, watermark) = await after.Client.GetActivitiesAsync(conversation);
        var next = await after.Client.SayAsync(conversation, "หลังรีสตาร์ท", "th-TH");
        var reply = await after.Client.WaitForReplyAsync(conversation, next);

        Assert.Equal(idsBefore, history.Select(a => a["id"]!.GetValue<string>()));
        Assert.Equal("4", watermark);
        Assert.Equal($"{conversation.Id}|0000005", next);
        Assert.Equal("ก่อนรีสตาร์ท", history[2]["text"]!.GetValue<string>());
        Assert.Matches(@"\p{IsThai}", reply["text"]!.GetValue<string>()); // the new process answers, in Thai
    }
}
