using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SupportBot.Bench;

/// <summary>
/// Starts one conversation the way Web Chat's hosting page and DirectLineJS do: get a token, start the
/// conversation with it, switch to the token the start returns. Any failure becomes a <see cref="BenchSetupException"/>.
/// </summary>
internal static class ConversationSetup
{
    public static async Task<ConversationClient> StartAsync(HttpClient http, DirectLineSettings settings, int index, CancellationToken cancellationToken)
    {
        var (started, userId) = await OpenAsync(http, settings, index, cancellationToken);
        if (started.StreamUrl is not { } streamUrl || !Uri.TryCreate(streamUrl, UriKind.Absolute, out var streamUri))
        {
            throw new BenchSetupException($"POST {settings.BaseUrl}/v3/directline/conversations answered no usable streamUrl.");
        }

        var client = new ConversationClient(http, settings.BaseUrl, started.ConversationId, userId, started.Token);
        try
        {
            await client.ConnectAsync(streamUri, cancellationToken);
        }
        catch (Exception ex)
        {
            await client.DisposeAsync();
            if (ex is System.Net.WebSockets.WebSocketException or HttpRequestException)
            {
                throw new BenchSetupException($"Could not open the stream {streamUri.GetLeftPart(UriPartial.Path)}: {ex.Message}", ex);
            }

            throw;
        }

        return client;
    }

    /// <summary>A token and a started conversation (the bot has greeted), without its stream: the conversation and its user id.</summary>
    public static async Task<(DirectLineConversation Started, string UserId)> OpenAsync(
        HttpClient http, DirectLineSettings settings, int index, CancellationToken cancellationToken)
    {
        var baseUrl = settings.BaseUrl;
        string token, userId;
        if (settings.Secret is { } secret)
        {
            // tokens/generate does not answer the user id, so choose it and bind it into the token.
            userId = $"bench-user-{index}";
            var generated = await PostAsync(http, $"{baseUrl}/v3/directline/tokens/generate", secret, $$$"""{"user":{"id":"{{{userId}}}"}}""", WireJson.Default.DirectLineConversation, cancellationToken);
            token = generated.Token;
        }
        else
        {
            var session = await PostAsync(http, $"{baseUrl}/widget/session", null, null, WireJson.Default.WidgetSession, cancellationToken);
            (token, userId) = (session.Token, session.UserId);
        }

        var started = await PostAsync(http, $"{baseUrl}/v3/directline/conversations", token, """{"locale":"en-US"}""", WireJson.Default.DirectLineConversation, cancellationToken);
        return (started, userId);
    }

    public static async Task<T> PostAsync<T>(
        HttpClient http, string url, string? bearer, string? json, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, MediaTypeHeaderValue.Parse("application/json"));
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var hint = response.StatusCode == System.Net.HttpStatusCode.TooManyRequests
                    ? " (the server limits new sessions per client address: raise Widget__SessionsPerMinutePerClient, or use --secret)"
                    : "";
                throw new BenchSetupException($"POST {url} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(text)}{hint}");
            }

            return await response.Content.ReadFromJsonAsync(answer, cancellationToken)
                ?? throw new BenchSetupException($"POST {url} answered an empty body.");
        }
        catch (HttpRequestException ex)
        {
            throw new BenchSetupException($"Could not reach {url}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BenchSetupException($"POST {url} did not answer within {http.Timeout.TotalSeconds} s.", ex);
        }
        catch (JsonException ex)
        {
            throw new BenchSetupException($"POST {url} answered JSON of an unexpected shape: {ex.Message}", ex);
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
