using SupportBot.Web.Errors;

namespace SupportBot.Web.Hosting;

/// <summary>What every request meets before any feature's endpoint: limits, the client's address, JSON errors, static files.</summary>
public static class HostingFeature
{
    /// <summary>ASP.NET Core's data protection, which the server does not use; only its errors are logged.</summary>
    public const string DataProtectionLogs = "Microsoft.AspNetCore.DataProtection";

    /// <summary>The server's clock, the request and rate limits' refusals, the proxies trusted to name the client.</summary>
    public static IHostApplicationBuilder AddHosting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRequestLimits();

        // Authentication brings ASP.NET Core's data protection, whose key ring is made at startup and, on a machine's
        // first start, warns that its key is stored unencrypted. SupportBot protects nothing with it (agent tokens
        // are signed by AgentSigningKey, Direct Line tokens with DirectLine:Secret): an operator should not be sent
        // looking for a key nothing uses, so only its errors are logged.
        builder.Logging.AddFilter(DataProtectionLogs, LogLevel.Error);
        return builder;
    }

    /// <summary>
    /// The middleware every request passes: request size limits, the client's address from a trusted proxy (before
    /// anything counts by address), JSON errors, the demo site's files, CORS for embedding sites, agent sign-in, rate
    /// limits, WebSockets.
    /// </summary>
    public static WebApplication UseHosting(this WebApplication app)
    {
        app.UseRequestLimits();
        app.UseForwardedHeaders();
        app.UseJsonErrors();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The widget imports /shared/*.js and /widget/*.js as ES modules, which browsers fetch with CORS from the
            // customer's site; they are public, credential-free files any page can already load with a script tag.
            OnPrepareResponse = file =>
            {
                var path = file.Context.Request.Path;
                if (path.StartsWithSegments("/shared") || path.StartsWithSegments("/widget"))
                {
                    file.Context.Response.Headers.AccessControlAllowOrigin = "*";
                }
            },
        });
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        return app;
    }
}
