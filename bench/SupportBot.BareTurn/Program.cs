using SupportBot.BareTurn;

// The yardstick of bench/run-directline.sh --vs-bare: the Direct Line subset the benchmark client uses, with only
// a turn's Redis work behind it (see bench/README.md). Never expose it: its tokens are not secret.
var builder = WebApplication.CreateBuilder(args);
builder.AddBareTurn();

var app = builder.Build();
app.UseWebSockets();
app.MapBareTurn();

app.Run();
