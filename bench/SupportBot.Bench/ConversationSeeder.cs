namespace SupportBot.Bench;

/// <summary>
/// Leaves conversations behind as customers who came, asked one thing and went away: each gets a token, is started
/// (the bot greets) and has one message answered, over HTTP only, with no stream left open. What the server then
/// keeps for them, in Redis and in its own memory, is what idle conversations cost it.
/// </summary>
internal static class ConversationSeeder
{
    private const int Parallelism = 16;

    // Past the indexes the load's own conversations use, so user ids bound with --secret never meet.
    private const int FirstIndex = 1_000_000;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task SeedAsync(HttpClient http, DirectLineSettings settings, int count)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(FirstIndex, count),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = timeout.Token },
                async (index, cancellationToken) =>
                {
                    var (started, userId) = await ConversationSetup.OpenAsync(http, settings, index, cancellationToken);
                    var url = $"{settings.BaseUrl}/v3/directline/conversations/{Uri.EscapeDataString(started.ConversationId)}/activities";
                    var message = $$$"""{"type":"message","text":"Where is my order?","from":{"id":"{{{userId}}}"},"locale":"en-US"}""";
                    await ConversationSetup.PostAsync(http, url, started.Token, message, WireJson.Default.ResourceResponse, cancellationToken);
                });
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new BenchSetupException($"Seeding {count} conversations took longer than {Timeout.TotalMinutes} minutes.", ex);
        }
    }
}
