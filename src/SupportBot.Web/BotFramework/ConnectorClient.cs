using System.Net.Http.Headers;
using System.Text.Json;
using SupportBot.Conversations;
using SupportBot.Schema;

namespace SupportBot.Web.BotFramework;

/// <summary>
/// Posts activities to a channel's connector: <c>{serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]</c>,
/// with the connector token. The typed client's resilience handler retries 429 and 5xx (see the feature's setup).
/// </summary>
public sealed class ConnectorClient(IHttpClientFactory httpClients, ConnectorTokens tokens, ServiceUrlPolicy serviceUrls)
{
    public async Task SendAsync(ConversationReference reference, Activity logged, CancellationToken cancellationToken)
    {
        if (!serviceUrls.MayCall(reference.ServiceUrl, reference.Authenticated))
        {
            throw new InvalidOperationException($"The service URL {reference.ServiceUrl} is not allowed (Bot:AllowedServiceUrls).");
        }

        var outgoing = ChannelActivities.ForChannel(logged, reference);
        var path = $"{reference.ServiceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(reference.Conversation.Id!)}/activities";
        if (outgoing.ReplyToId is { } replyTo)
        {
            path += "/" + Uri.EscapeDataString(replyTo);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(outgoing, SchemaJson.Wire.Activity), System.Text.Encoding.UTF8, "application/json"),
        };
        if (await tokens.GetAsync(cancellationToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await httpClients.CreateClient(nameof(ConnectorClient)).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
