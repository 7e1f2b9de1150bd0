using System.Net;
using SupportBot.Tests.Infrastructure;
using static SupportBot.Tests.Infrastructure.DirectLineTestClient;

namespace SupportBot.Tests.Hosting;

/// <summary>Customers' Direct Line calls and agents' API calls read the Authorization header the same way.</summary>
public sealed class BearerTokenTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await TestApp.StartAsync(AgentTestClient.Accounts(1));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task BothDirectLineAndTheAgentApiAcceptTheSchemeInAnyCaseAndSpacesAroundTheToken()
    {
        var conversation = await _app.Client.StartAsync();
        var agentToken = await AgentTestClient.SignInAsync(_app.BaseUrl, "agent-01");

        var activities = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities", $"bearer   {conversation.Token}");
        var signOut = await SendAsync(HttpMethod.Post, "/agent/api/sign-out", $"BEARER \t{agentToken}");

        Assert.Equal(HttpStatusCode.OK, activities.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    public async Task BothDirectLineAndTheAgentApiAnswerAMissingOrMalformedBearerHeaderWith401Json(string header)
    {
        var conversation = await _app.Client.StartAsync();

        await AssertErrorAsync(await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities", header), 401, "Unauthorized");
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/agent/api/sign-out", header), 401, "Unauthorized");
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string authorization)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return _app.Client.Http.SendAsync(request);
    }
}
