using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Queue;
using SupportBot.Web.Agents;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// An agent on the real .NET SignalR client: signs in over HTTP, connects to /hubs/agents with the token, and
/// keeps what the hub pushes in queues a test can wait on.
/// </summary>
public sealed class AgentTestClient : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private static readonly Lazy<string> SharedHash = new(() => PasswordHasher.Hash(Password));

    private AgentTestClient(HubConnection hub, string id)
    {
        Hub = hub;
        Id = id;
        hub.On<QueueItem>(nameof(IAgentClient.Escalated), item => Escalations.Writer.TryWrite(item));
        hub.On<string, TranscriptEntry>(nameof(IAgentClient.CustomerMessage), (id, entry) => CustomerMessages.Writer.TryWrite((id, entry)));
        hub.On<string>(nameof(IAgentClient.CustomerTyping), id => CustomerTyping.Writer.TryWrite(id));
        hub.On<ChatView>(nameof(IAgentClient.ChatAssigned), chat => Assigned.Writer.TryWrite(chat));
        hub.On<string, string>(nameof(IAgentClient.ChatEnded), (id, reason) => Ended.Writer.TryWrite((id, reason)));
        hub.On<string, SurveyResult>(nameof(IAgentClient.SurveyReceived), (id, survey) => Surveys.Writer.TryWrite((id, survey)));
        hub.On<IReadOnlyList<QueueItem>>(nameof(IAgentClient.QueueChanged), queue => Queues.Writer.TryWrite(queue));
    }

    public string Id { get; }

    public HubConnection Hub { get; }

    public Channel<QueueItem> Escalations { get; } = Channel.CreateUnbounded<QueueItem>();

    public Channel<(string ConversationId, TranscriptEntry Entry)> CustomerMessages { get; } = Channel.CreateUnbounded<(string, TranscriptEntry)>();

    public Channel<string> CustomerTyping { get; } = Channel.CreateUnbounded<string>();

    public Channel<ChatView> Assigned { get; } = Channel.CreateUnbounded<ChatView>();

    public Channel<(string ConversationId, string Reason)> Ended { get; } = Channel.CreateUnbounded<(string, string)>();

    public Channel<(string ConversationId, SurveyResult Survey)> Surveys { get; } = Channel.CreateUnbounded<(string, SurveyResult)>();

    public Channel<IReadOnlyList<QueueItem>> Queues { get; } = Channel.CreateUnbounded<IReadOnlyList<QueueItem>>();

    /// <summary>Configuration for agent accounts "agent-01".. (all with <see cref="Password"/>), merged into a server's settings.</summary>
    public static Dictionary<string, string?> Accounts(int count, int capacity = 3, string? languages = null, int firstIndex = 0, string prefix = "agent")
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < count; i++)
        {
            var n = firstIndex + i;
            settings[$"Agents:Accounts:{n}:Id"] = $"{prefix}-{i + 1:D2}";
            settings[$"Agents:Accounts:{n}:Name"] = $"Agent {i + 1}";
            settings[$"Agents:Accounts:{n}:PasswordHash"] = SharedHash.Value;
            settings[$"Agents:Accounts:{n}:Capacity"] = capacity.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (languages is not null)
            {
                settings[$"Agents:Accounts:{n}:Languages:0"] = languages;
            }
        }

        return settings;
    }

    public static async Task<string> SignInAsync(string baseUrl, string name, string password = Password)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var response = await http.PostAsJsonAsync("/agent/api/sign-in", new { name, password });
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {name} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    /// <param name="webSocketsOnly">WebSockets without the negotiate request, as the console connects: what a load balancer without sticky sessions needs.</param>
    public static async Task<AgentTestClient> ConnectAsync(string baseUrl, string name, string? token = null, bool webSocketsOnly = false)
    {
        token ??= await SignInAsync(baseUrl, name);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseUrl), AgentApi.HubPath), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                if (webSocketsOnly)
                {
                    o.SkipNegotiation = true;
                    o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                }
            })
            .Build();
        var client = new AgentTestClient(hub, name);
        await hub.StartAsync();

        // StartAsync returns once the handshake is answered, which SignalR does before the hub's OnConnectedAsync
        // (where the agent comes online) has run; hub calls are served only after it, so one call waits for it.
        // Without this a customer asking for a person right away could find nobody online.
        await hub.InvokeAsync<AgentProfile>(nameof(AgentHub.Profile));
        return client;
    }

    public static async Task<T> NextAsync<T>(Channel<T> channel, string what, Func<T, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            while (true)
            {
                var item = await channel.Reader.ReadAsync(timeout.Token);
                if (match?.Invoke(item) ?? true)
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The agent never received {what}.");
        }
    }

    public async ValueTask DisposeAsync() => await Hub.DisposeAsync();
}
