using System.Net.Http.Headers;
using System.Text;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.DirectLine;

/// <summary>Uploads with attachments kept in Redis: a refused upload leaves no key behind.</summary>
public class UploadServerTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]];

    private static MultipartFormDataContent Upload(string activityJson)
    {
        var activity = new StringContent(activityJson, Encoding.UTF8);
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        var file = new ByteArrayContent(Png) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } };
        return new MultipartFormDataContent { { activity, "activity", "blob" }, { file, "file", "photo.png" } };
    }

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
            Upload($$"""{"type":"message","text":"{{new string('a', 4001)}}"}""")), 400, "TextTooLong");
        var afterRefusal = StoredFiles();
        await ReadObjectAsync(await app.Client.SendAsync(HttpMethod.Post, path, conversation.Token, Upload("""{"type":"message","text":"receipt"}""")));

        Assert.Equal(0, afterRefusal);
        Assert.Equal(1, StoredFiles());
    }
}
