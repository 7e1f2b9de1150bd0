using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.Web.BotFramework;

namespace SupportBot.Tests.BotFramework;

/// <summary>Without an app id, /api/messages is anonymous for local use, and in Production only when asked for.</summary>
public sealed class AnonymousModeTests
{
    [Theory]
    [InlineData("Development", false, true)]
    [InlineData("Production", false, false)]
    [InlineData("Production", true, true)]
    public async Task AnAnonymousRequestIsTakenOutsideProductionAndInProductionOnlyWithTheOptIn(string environment, bool optIn, bool taken)
    {
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var auth = new BotFrameworkAuth(
            Options.Create(new BotFrameworkOptions { AllowAnonymousInProduction = optIn }),
            services.GetRequiredService<IHttpClientFactory>(),
            new HostingEnvironment { EnvironmentName = environment },
            NullLogger<BotFrameworkAuth>.Instance);

        var caller = await auth.AuthenticateAsync(new DefaultHttpContext().Request, CancellationToken.None);

        Assert.Equal(taken, caller is { Authenticated: false });
    }
}
