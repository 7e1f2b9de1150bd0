using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Errors;

/// <summary>Statuses the server sends by itself, not an endpoint, still carry the JSON error body.</summary>
public sealed class ErrorBodyTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await TestApp.StartAsync();

    [Theory]
    [InlineData(40 * 1024)]
    [InlineData(70 * 1024)]
    public async Task AnOversizedHeaderGets431WithTheJsonErrorBody(int size)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Padding", new string('a', size));

        await AssertErrorAsync(await _app.Client.Http.SendAsync(request), 431, "RequestHeadersTooLarge");
    }

    [Fact]
    public async Task AnUnknownRouteAndAWrongMethodGetTheJsonErrorBody()
    {
        await AssertErrorAsync(await _app.Client.Http.GetAsync("/no/such/endpoint"), 404, "NotFound");
        await AssertErrorAsync(await _app.Client.Http.PutAsync("/v3/directline/tokens/generate", null), 405, "MethodNotAllowed");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
