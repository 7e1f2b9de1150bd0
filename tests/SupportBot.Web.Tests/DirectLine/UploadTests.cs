using System.Net.Http.Headers;
using System.Text;
using SupportBot.Attachments;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.DirectLine;

public class UploadTests
{
    internal static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]];

    internal static MultipartFormDataContent Upload(byte[] data, string contentType, string fileName = "photo.png", string? activityJson = null)
    {
        // As Web Chat sends it: the activity already lists the file, with a local thumbnail and no contentUrl.
        var activity = new StringContent(activityJson ?? $$"""
            {"type":"message","text":"here is my receipt","channelData":{"clientActivityID":"up1"},
             "attachments":[{"contentType":"{{contentType}}","name":"{{fileName}}","thumbnailUrl":"blob:http://shop/123"}]}
            """, Encoding.UTF8);
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { activity, "activity", "blob" }, { file, "file", fileName } };
    }

    private static ByteArrayContent RawBody(string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static Task<TestApp> StartCountingSavesAsync(CountingAttachmentStore saves, IDictionary<string, string?>? settings = null) =>
        TestApp.StartAsync(settings, s => s.AddSingleton<IAttachmentStore>(saves));

    /// <summary>A body sent chunked, with no Content-Length to refuse it by up front.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _data;

        public ChunkedContent(byte[] data, MediaTypeHeaderValue? contentType)
        {
            _data = data;
            Headers.ContentType = contentType;
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_data).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static Task<HttpResponseMessage> PostUploadAsync(TestApp app, Conversation conversation, HttpContent content) =>
        app.Client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversation.Id}/upload?userId=ignored", conversation.Token, content);

    [Fact]
    public async Task AnUploadedImageIsServedBackByItsContentUrl()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        var id = (await ReadObjectAsync(await PostUploadAsync(app, conversation, Upload(Png, "image/png"))))["id"]!.GetValue<string>();
        var reply = await app.Client.WaitForReplyAsync(conversation, id);
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);
        var echo = activities.Single(a => a["id"]!.GetValue<string>() == id);
        var attachment = Assert.Single(echo["attachments"]!.AsArray())!;
        var served = await app.Client.Http.GetAsync(attachment["contentUrl"]!.GetValue<string>());

        Assert.Equal(("image/png", "photo.png", "here is my receipt", "up1"),
            (attachment["contentType"]!.GetValue<string>(), attachment["name"]!.GetValue<string>(), echo["text"]!.GetValue<string>(), echo["channelData"]!["clientActivityID"]!.GetValue<string>()));
        Assert.StartsWith($"{app.BaseUrl}/v3/directline/attachments/", attachment["contentUrl"]!.GetValue<string>());
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("bot", reply["from"]!["role"]!.GetValue<string>());
        Assert.Equal("blob:http://shop/123", attachment["thumbnailUrl"]!.GetValue<string>());
    }

    public static TheoryData<byte[], string, int, string> BadUploads => new()
    {
        { [0x4D, 0x5A, 0x90, 0x00, .. new byte[100]], "image/png", 415, "UnsupportedMediaType" },
        { [0x4D, 0x5A, 0x90, 0x00, .. new byte[100]], "application/x-msdownload", 415, "UnsupportedMediaType" },
        { Encoding.UTF8.GetBytes("<script>alert(1)</script>"), "text/html", 415, "UnsupportedMediaType" },
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[5000]], "image/png", 413, "PayloadTooLarge" },
        { [], "image/png", 400, "BadArgument" },

        // Larger than any one part may be, though the whole body is within its limit: still the file's size problem.
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200_000]], "image/png", 413, "PayloadTooLarge" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task BadUploadsAreRefusedAndNothingIsWritten(byte[] data, string contentType, int status, string code)
    {
        var saves = new CountingAttachmentStore();
        await using var app = await StartCountingSavesAsync(saves, new Dictionary<string, string?> { ["DirectLine:MaxUploadBytes"] = "4096" });
        var conversation = await app.Client.StartAsync();
        var before = await app.Client.GetActivitiesAsync(conversation);

        await AssertErrorAsync(await PostUploadAsync(app, conversation, Upload(data, contentType)), status, code);

        Assert.Equal(before.Watermark, (await app.Client.GetActivitiesAsync(conversation)).Watermark);
        Assert.Equal(0, saves.Count);
    }

    public static TheoryData<string, string> MalformedMultipart => new()
    {
        { "multipart/form-data", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XYZ--\r\n" },
        { "multipart/form-data; boundary=\"\"", "--\r\n\r\nhello\r\n----\r\n" },
        { "multipart/form-data; boundary=" + new string('b', 71), "--" + new string('b', 71) + "\r\n\r\nhello\r\n" },
        { "multipart/form-data; boundary=XYZ", "this is not a multipart body at all" },
        { "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filen" },
        { "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello, the fi" },
        { "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XYZ" },
        { "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XYZ\r\n" },
    };

    [Theory]
    [MemberData(nameof(MalformedMultipart))]
    public async Task MalformedMultipartIsABadRequestAndNothingIsWritten(string contentType, string body)
    {
        var saves = new CountingAttachmentStore();
        await using var app = await StartCountingSavesAsync(saves);
        var conversation = await app.Client.StartAsync();
        var before = await app.Client.GetActivitiesAsync(conversation);

        var message = await AssertErrorAsync(await PostUploadAsync(app, conversation, RawBody(contentType, body)), 400, "BadSyntax");

        Assert.StartsWith("The upload is not valid multipart/form-data", message);
        Assert.Equal(before.Watermark, (await app.Client.GetActivitiesAsync(conversation)).Watermark);
        Assert.Equal(0, saves.Count);
    }

    [Fact]
    public async Task AnUploadOverTheBodyLimitIsTooLargeEvenWithoutAContentLength()
    {
        var saves = new CountingAttachmentStore();
        await using var app = await StartCountingSavesAsync(saves, new Dictionary<string, string?> { ["DirectLine:MaxUploadBytes"] = "4096" });
        var conversation = await app.Client.StartAsync();
        var upload = Upload([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[400_000]], "image/png");
        var chunked = new ChunkedContent(await upload.ReadAsByteArrayAsync(), upload.Headers.ContentType);

        await AssertErrorAsync(await PostUploadAsync(app, conversation, chunked), 413, "PayloadTooLarge");

        Assert.Equal(0, saves.Count);
    }

    public static TheoryData<string, string> RefusedActivities => new()
    {
        { "{\"type\":\"message\",\"text\":\"" + new string('a', 4001) + "\"}", "TextTooLong" },
        { "{\"type\":\"conversationUpdate\"}", "BadArgument" },
        { "{\"type\":\"event\",\"name\":\"handoff.status\",\"value\":{\"state\":\"accepted\"}}", "ReservedEventName" },
        { "{\"type\":\"message\",\"text\":\"hi\",\"locale\":\"" + new string('x', 5000) + "\"}", "BadArgument" },
        { "{\"type\":\"message\",\"text\":\"hi\",\"from\":{\"id\":\"u\",\"name\":\"" + new string('n', 5000) + "\"}}", "BadArgument" },
    };

    [Theory]
    [MemberData(nameof(RefusedActivities))]
    public async Task AnUploadWhoseActivityIsRefusedStoresNoFile(string activityJson, string code)
    {
        var saves = new CountingAttachmentStore();
        await using var app = await StartCountingSavesAsync(saves);
        var conversation = await app.Client.StartAsync();
        var before = await app.Client.GetActivitiesAsync(conversation);

        await AssertErrorAsync(await PostUploadAsync(app, conversation, Upload(Png, "image/png", activityJson: activityJson)), 400, code);

        Assert.Equal(before.Watermark, (await app.Client.GetActivitiesAsync(conversation)).Watermark);
        Assert.Equal(0, saves.Count);
    }

    [Fact]
    public async Task AnActivitySentAsAPlainFormFieldIsReadLikeTheActivityPart()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();
        var file = new ByteArrayContent(Png) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } };
        var content = new MultipartFormDataContent { { new StringContent("""{"type":"message","text":"as a field"}"""), "activity" }, { file, "file", "photo.png" } };

        var id = (await ReadObjectAsync(await PostUploadAsync(app, conversation, content)))["id"]!.GetValue<string>();
        var (activities, _) = await app.Client.GetActivitiesAsync(conversation);

        var echo = activities.Single(a => a["id"]!.GetValue<string>() == id);
        Assert.Equal("as a field", echo["text"]!.GetValue<string>());
        Assert.Single(echo["attachments"]!.AsArray());
    }

    [Fact]
    public async Task AnUploadWithTwoActivitiesIsABadRequest()
    {
        var saves = new CountingAttachmentStore();
        await using var app = await StartCountingSavesAsync(saves);
        var conversation = await app.Client.StartAsync();
        var content = Upload(Png, "image/png");
        content.Add(new StringContent("""{"type":"message","text":"which one?"}"""), "activity");

        await AssertErrorAsync(await PostUploadAsync(app, conversation, content), 400, "BadArgument");

        Assert.Equal(0, saves.Count);
    }

    [Fact]
    public async Task AConfiguredListOfUploadTypesReplacesTheDefaultOne()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["DirectLine:AllowedUploadTypes:0"] = "application/pdf" });
        var conversation = await app.Client.StartAsync();

        var message = await AssertErrorAsync(await PostUploadAsync(app, conversation, Upload(Png, "image/png")), 415, "UnsupportedMediaType");

        Assert.EndsWith("allowed: application/pdf.", message);
    }

    [Fact]
    public async Task AnUploadThatIsNotMultipartIsUnsupported()
    {
        await using var app = await TestApp.StartAsync();
        var conversation = await app.Client.StartAsync();

        var response = await PostUploadAsync(app, conversation, new ByteArrayContent(Png) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } });

        await AssertErrorAsync(response, 415, "UnsupportedMediaType");
    }

    [Fact]
    public async Task AnUploadIntoAnotherConversationIsForbidden()
    {
        await using var app = await TestApp.StartAsync();
        var mine = await app.Client.StartAsync();
        var theirs = await app.Client.StartAsync();

        var response = await PostUploadAsync(app, theirs with { Token = mine.Token }, Upload(Png, "image/png"));

        await AssertErrorAsync(response, 403, "Forbidden");
    }

    [Fact]
    public async Task AnUnknownAttachmentIsNotFound()
    {
        await using var app = await TestApp.StartAsync();

        await AssertErrorAsync(await app.Client.Http.GetAsync("/v3/directline/attachments/NoSuchAttachment"), 404, "NotFound");
    }
}
