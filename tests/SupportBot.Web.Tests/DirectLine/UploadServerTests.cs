using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.DirectLine;

/// <summary>Uploads with attachments kept in Redis: a refused upload leaves no key behind.</summary>
public class UploadServerTests
{
    [Fact]
    public async Task OnlyAnAcceptedUploadStoresItsFile()
    {
        var redis = RedisTestServer.Connect();
        var prefix = RedisTestServer.UniquePrefix();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = RedisTestServer.Configuration,
            ["Redis:KeyPrefix"] = prefix,
        });
        var conversation = await app.Client.StartAsync();
        var path = $"/v3/directline/conversations/{conversation.Id}/upload";
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        int StoredFiles() => server.Keys(pattern: $"{prefix}att:*").Count();

        await AssertErrorAsync(await app.Client.SendAsync(HttpMethod.Post, path, conversation.Token,
            UploadTests.Upload(UploadTests.Png, "image/png", activityJson: $$"""{"type":"message","text":"{{new string('a', 4001)}}"}""")), 400, "TextTooLong");
        var afterRefusal = StoredFiles();
        await ReadObjectAsync(await app.Client.SendAsync(HttpMethod.Post, path, conversation.Token, UploadTests.Upload(UploadTests.Png, "image/png")));

        Assert.Equal(0, afterRefusal);
        Assert.Equal(1, StoredFiles());
    }
}
