using SupportBot.Web.Agents;
using SupportBot.Web.DirectLine;
using SupportBot.Web.Errors;
using SupportBot.Web.Platform;
using SupportBot.Web.Maintainers;
using SupportBot.Web.Widget;

namespace SupportBot.Web.Hosting;

public static class SupportBotPipeline
{
    /// <summary>The middleware every request passes: JSON errors, the demo site's files, CORS for embedding sites, agent sign-in, rate limits, WebSockets.</summary>
    public static WebApplication UseSupportBot(this WebApplication app)
    {
        app.UseJsonErrors();
        app.UseDefaultFiles();
        app.UseStaticFiles();
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
        app.MapMaintainers();
        return app;
    }
}
