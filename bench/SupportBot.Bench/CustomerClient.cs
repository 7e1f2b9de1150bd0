using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;

namespace SupportBot.Bench;

/// <summary>
/// One customer in Web Chat's shoes: a widget session, a Direct Line conversation and its WebSocket. Asks for an
/// agent, waits until one has joined, then posts benchmark messages, booking each just before its POST; the
/// agent's replies are struck off as they arrive on the socket, stamped before any parsing.
/// </summary>
internal sealed class CustomerClient : IAsyncDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _http;
    private readonly int _index;
    private readonly string _userId;
    private readonly string _activitiesUrl;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly DeliveryLedger _toAgent;
    private readonly DeliveryLedger _toCustomer;
    private readonly ActivityStreamReader _stream;
    private readonly TaskCompletionSource _agentJoined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sequence;
    private volatile bool _broken;

    private CustomerClient(
        HttpClient http, string baseUrl, int index, string conversationId, string userId, string token, DeliveryLedger toAgent, DeliveryLedger toCustomer)
    {
        (_http, _index, _userId, _toAgent, _toCustomer) = (http, index, userId, toAgent, toCustomer);
        ConversationId = conversationId;
        _activitiesUrl = $"{baseUrl}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        _authorization = new AuthenticationHeaderValue("Bearer", token);
        _stream = new ActivityStreamReader(OnActivities, OnStreamFailed);
    }

    public string ConversationId { get; }

    /// <summary>True once the socket has failed: this customer can see no more replies.</summary>
    public bool IsBroken => _broken;

    public static async Task<CustomerClient> StartAsync(
        HttpClient http, string baseUrl, int index, DeliveryLedger toAgent, DeliveryLedger toCustomer, CancellationToken cancellationToken)
    {
        var session = await ConversationSetup.PostAsync(http, $"{baseUrl}/widget/session", null, null, WireJson.Default.WidgetSession, cancellationToken);
        var started = await ConversationSetup.PostAsync(http, $"{baseUrl}/v3/directline/conversations", session.Token, """{"locale":"en-US"}""", WireJson.Default.DirectLineConversation, cancellationToken);
        if (started.StreamUrl is not { } streamUrl || !Uri.TryCreate(streamUrl, UriKind.Absolute, out var streamUri))
        {
            throw new BenchSetupException($"POST {baseUrl}/v3/directline/conversations answered no usable streamUrl.");
        }

        var customer = new CustomerClient(http, baseUrl, index, started.ConversationId, session.UserId, started.Token, toAgent, toCustomer);
        try
        {
            await customer._stream.ConnectAsync(streamUri, cancellationToken);
            return customer;
        }
        catch (Exception ex)
        {
            await customer.DisposeAsync();
            throw ex is WebSocketException or HttpRequestException
                ? new BenchSetupException($"Could not open the stream {streamUri.GetLeftPart(UriPartial.Path)}: {ex.Message}", ex)
                : ex;
        }
    }

    /// <summary>Asks for a person and waits for the bot to say one has joined.</summary>
    public async Task AskForAgentAsync(CancellationToken cancellationToken)
    {
        if (!await PostAsync(HandoffTexts.AskForAgent, cancellationToken))
        {
            throw new BenchSetupException($"POST {_activitiesUrl} with \"{HandoffTexts.AskForAgent}\" failed.");
        }

        await _agentJoined.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Posts the next benchmark message; false when the POST failed.</summary>
    public async Task<bool> SendAsync(CancellationToken cancellationToken)
    {
        var text = HandoffTexts.Message(_index, ++_sequence);
        _toAgent.Sent(text, Stopwatch.GetTimestamp());
        if (await PostAsync(text, cancellationToken))
        {
            return true;
        }

        _toAgent.Forget(text);
        return false;
    }

    private async Task<bool> PostAsync(string text, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _activitiesUrl) { Content = MessageBody(text) };
        request.Headers.Authorization = _authorization;
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // the HttpClient's own timeout
        }
    }

    private ByteArrayContent MessageBody(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "message");
            json.WriteString("text", text);
            json.WriteStartObject("from");
            json.WriteString("id", _userId);
            json.WriteEndObject();
            json.WriteString("locale", "en-US");
            json.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = JsonContentType;
        return content;
    }

    private void OnActivities(JsonElement activities, long arrivedAt)
    {
        foreach (var activity in activities.EnumerateArray())
        {
            if (!activity.TryGetProperty("type", out var type) || !type.ValueEquals("message")
                || !activity.TryGetProperty("text", out var textProperty) || textProperty.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var text = textProperty.GetString();
            if (HandoffTexts.IsReply(text))
            {
                _toCustomer.Arrived(text!, arrivedAt);
            }
            else if (text!.Contains(HandoffTexts.AgentJoined, StringComparison.Ordinal))
            {
                _agentJoined.TrySetResult();
            }
        }
    }

    private void OnStreamFailed(Exception failure)
    {
        _broken = true;
        _agentJoined.TrySetException(failure);
    }

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();
}
