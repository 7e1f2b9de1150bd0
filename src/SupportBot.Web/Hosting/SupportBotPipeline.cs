using SupportBot.Web.Agents;
using SupportBot.Web.DirectLine;
using SupportBot.Web.Errors;
using SupportBot.Web.Platform;
using SupportBot.Web.Maintainers;
using SupportBot.Web.Widget;

namespace SupportBot.Web.Hosting;

public static class SupportBotPipeline
{
    /// <summary>
    /// The middleware every request passes: request size limits, the client's address from a trusted proxy (before
    /// anything counts by address), JSON errors, the demo site's files, CORS for embedding sites, agent sign-in, rate
    /// limits, WebSockets.
    /// </summary>
    public static WebApplication UseSupportBot(this WebApplication app)
    {
        app.UseRequestLimits();
        app.UseForwardedHeaders();
        app.UseJsonErrors();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The widget imports /shared/*.js as ES modules, which browsers fetch with CORS from the customer's site;
            // they are public, credential-free files any page can already load with a script tag.
            OnPrepareResponse = file =>
            {
                if (file.Context.Request.Path.StartsWithSegments("/shared"))
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

    /// <summary>Every endpoint: health, the Direct Line channel, the widget's session and Web Chat script, the agents' sign-in, console and hub.</summary>
    public static WebApplication MapSupportBot(this WebApplication app)
    {
        app.MapHealth();
        app.MapDirectLine();
        app.MapWidget();
        app.MapAgents();
        app.MapLockouts();
        app.MapMaintainers();
        return app;
    }
}
