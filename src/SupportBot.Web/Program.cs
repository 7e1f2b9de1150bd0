using SupportBot.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Options, stores (Redis when configured, in-memory otherwise), the bot, the Direct Line channel, the widget.
builder.AddSupportBot();

var app = builder.Build();

// JSON errors, the demo site, CORS for embedding sites, rate limits, WebSockets.
app.UseSupportBot();

// /healthz, /v3/directline/*, /widget/session and /webchat/webchat.js.
app.MapSupportBot();

app.Run();

public partial class Program;
