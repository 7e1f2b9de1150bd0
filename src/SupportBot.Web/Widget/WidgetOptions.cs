namespace SupportBot.Web.Widget;

public sealed class WidgetOptions
{
    public const string Section = "Widget";

    /// <summary>Other sites allowed to embed the widget (CORS origins such as "https://shop.example.com").</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Web Chat's bundle from npm, relative to the content root; served from this server, never a CDN.</summary>
    public string WebChatScriptPath { get; set; } = "node_modules/botframework-webchat/dist/webchat.js";

    /// <summary>Widget sessions (new conversation tokens) one client address may start a minute.</summary>
    public int SessionsPerMinutePerClient { get; set; } = 20;
}
