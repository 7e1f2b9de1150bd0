using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace SupportBot.Bench;

/// <summary>
/// One agent console on the .NET SignalR client: signs in, takes the chats the server assigns, and answers every
/// benchmark message at once with the reply derived from it, timing the customer→agent delivery on arrival and
/// booking the agent→customer one just before the Send invocation.
/// </summary>
internal sealed class AgentClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly DeliveryLedger _toAgent;
    private readonly DeliveryLedger _toCustomer;
    private readonly ChatAssignments _assignments;
    private readonly ConcurrentDictionary<string, bool> _chats = new(StringComparer.Ordinal);
    private long _hubErrors;

    private AgentClient(string id, HubConnection hub, ChatAssignments assignments, DeliveryLedger toAgent, DeliveryLedger toCustomer)
    {
        (Id, _hub, _assignments, _toAgent, _toCustomer) = (id, hub, assignments, toAgent, toCustomer);

        // Handlers run on the connection's receive loop, which they must not wait on: a handler awaiting a hub
        // invocation would wait for a completion that loop has yet to read. Replies are therefore not awaited.
        _hub.On<AssignedChat>(AgentHubWire.ChatAssigned, OnChatAssigned);
        _hub.On<string, TranscriptLine>(AgentHubWire.CustomerMessage, OnCustomerMessage);
        _hub.Closed += failure =>
        {
            if (failure is not null)
            {
                Interlocked.Increment(ref _hubErrors);
            }

            return Task.CompletedTask;
        };
    }

    public string Id { get; }

    /// <summary>Failed Send invocations and connections the server dropped.</summary>
    public long HubErrors => Interlocked.Read(ref _hubErrors);

    public static async Task<AgentClient> ConnectAsync(
        HttpClient http, string baseUrl, string id, string password, ChatAssignments assignments,
        DeliveryLedger toAgent, DeliveryLedger toCustomer, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new AgentSignInRequest(id, password), AgentJson.Default.AgentSignInRequest);
        AgentSignInAnswer signedIn;
        try
        {
            signedIn = await ConversationSetup.PostAsync(http, baseUrl + AgentHubWire.SignInPath, null, body, AgentJson.Default.AgentSignInAnswer, cancellationToken);
        }
        catch (BenchSetupException ex) when (ex.InnerException is null)
        {
            // The server answered, but does not know the account: it reads another Redis or key prefix, or none.
            throw new BenchSetupException($"{ex.Message} (are --redis and --prefix the server's Redis:ConnectionString and Redis:KeyPrefix?)");
        }

        var hub = new HubConnectionBuilder()
            .WithUrl(baseUrl + AgentHubWire.HubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(signedIn.Token))
            .Build();
        var agent = new AgentClient(id, hub, assignments, toAgent, toCustomer);
        try
        {
            await hub.StartAsync(cancellationToken);

            // The server registers the agent's presence after the handshake; an answered call means it has, so
            // the bot will see this agent online when the customers ask for one.
            await hub.InvokeAsync<JsonElement>(AgentHubWire.Queue, cancellationToken);
            return agent;
        }
        catch (Exception ex)
        {
            await agent.DisposeAsync();
            throw new BenchSetupException($"Agent {id} could not connect to {baseUrl}{AgentHubWire.HubPath}: {ex.Message}", ex);
        }
    }

    private void OnChatAssigned(AssignedChat chat)
    {
        _chats[chat.ConversationId] = true;
        _assignments.Assigned(chat.ConversationId, Id);
    }

    private void OnCustomerMessage(string conversationId, TranscriptLine entry)
    {
        // Stamped first thing, but after the client has parsed the hub message (unlike the customer's socket).
        var arrivedAt = Stopwatch.GetTimestamp();
        if (!HandoffTexts.IsMessage(entry.Text))
        {
            return;
        }

        // The reply is booked before the message is struck off, so the drain never sees neither outstanding.
        var reply = HandoffTexts.Reply(entry.Text!);
        _toCustomer.Sent(reply, Stopwatch.GetTimestamp());
        _toAgent.Arrived(entry.Text!, arrivedAt);
        _ = ReplyAsync(conversationId, reply);
    }

    private async Task ReplyAsync(string conversationId, string reply)
    {
        try
        {
            await _hub.InvokeAsync(AgentHubWire.Send, conversationId, reply);
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException or OperationCanceledException or IOException)
        {
            _toCustomer.Forget(reply);
            Interlocked.Increment(ref _hubErrors);
        }
    }

    /// <summary>Hands this agent's chats back to the bot, so a server that outlives the run has no bench chats open.</summary>
    public async Task ReturnChatsAsync(CancellationToken cancellationToken)
    {
        foreach (var conversationId in _chats.Keys)
        {
            await _hub.InvokeAsync(AgentHubWire.ReturnToBot, conversationId, (string?)null, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
