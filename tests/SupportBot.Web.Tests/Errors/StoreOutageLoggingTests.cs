using StackExchange.Redis;
using SupportBot.Conversations;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Errors;

/// <summary>
/// While Redis is away (a failover, a restart) every request answers 503; the operator reads one warning a request,
/// not an error with a stack trace, and a real fault still gets its error and stack.
/// </summary>
public sealed class StoreOutageLoggingTests
{
    [Fact]
    public async Task ARequestRefusedWhileTheStoreIsAwayIsLoggedAsOneWarningWithoutAStackTrace()
    {
#pragma warning disable CS0618 // StackExchange.Redis builds these itself; its newer constructors need its internals
        var demoted = new RedisServerException("READONLY You can't write against a read only replica.");
#pragma warning restore CS0618
        await using var app = await StartWithFailingStoreAsync(demoted);

        await AssertErrorAsync(await StartConversationAsync(app), 503, "ServiceUnavailable");

        var entries = await RequestEntriesAsync(app);
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error);
        var warning = Assert.Single(entries, e => e.Level == LogLevel.Warning);
        Assert.Null(warning.Exception);
        Assert.Contains("/v3/directline/conversations", warning.Message);
        Assert.Contains("READONLY", warning.Message);
    }

    [Fact]
    public async Task AnUnexpectedFaultIsStillLoggedOnceAsAnErrorWithItsStackTrace()
    {
        await using var app = await StartWithFailingStoreAsync(new InvalidOperationException("a bug"));

        await AssertErrorAsync(await StartConversationAsync(app), 500, "InternalError");

        var entries = await RequestEntriesAsync(app);
        var error = Assert.Single(entries, e => e.Level >= LogLevel.Error);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    private static async Task<TestApp> StartWithFailingStoreAsync(Exception failure)
    {
        return await TestApp.StartAsync(services: s => s.AddSingleton<IConversationLog>(sp =>
            FaultyConversationLog.Around(sp.GetRequiredService<MemoryConversationLog>(),
                method => method == nameof(IConversationLog.CreateAsync) ? failure : null)));
    }

    private static Task<HttpResponseMessage> StartConversationAsync(TestApp app) =>
        app.Client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", TestApp.Secret);

    /// <summary>What was logged about requests (the middleware's and ours), after the response has been written.</summary>
    private static async Task<List<LogCapture.Entry>> RequestEntriesAsync(TestApp app)
    {
        await Task.Delay(200);
        return app.Logs.Entries
            .Where(e => e.Category.StartsWith("Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal)
                || e.Category == "SupportBot.Web.Errors")
            .Where(e => e.Level >= LogLevel.Warning)
            .ToList();
    }
}
