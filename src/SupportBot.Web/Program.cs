using SupportBot.Web.DirectLine;
using SupportBot.Web.Health;
using SupportBot.Web.Hosting;
using SupportBot.Web.Widget;

var builder = WebApplication.CreateBuilder(args);

// Options, stores (Redis or in-memory), the bot and the Direct Line channel.
builder.AddSupportBot();

var app = builder.Build();

// JSON errors, CORS for embedding sites, WebSockets, the demo site's static files.
app.UseSupportBot();

app.MapHealth();
app.MapDirectLine();
app.MapWidget();

app.Run();

public partial class Program;
