using SupportBot.Web.Errors;

namespace SupportBot.Web.Hosting;

public static class SupportBotPipeline
{
    /// <summary>The middleware every request passes: JSON errors, CORS for embedding sites, rate limits, WebSockets, the demo site.</summary>
    public static WebApplication UseSupportBot(this WebApplication app)
    {
        app.UseJsonErrors();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseCors();
        app.UseRateLimiter();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        return app;
    }
}
