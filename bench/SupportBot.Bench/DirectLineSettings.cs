namespace SupportBot.Bench;

/// <summary>What one run of the Direct Line benchmark was asked to do.</summary>
internal sealed record DirectLineSettings
{
    public Uri Url { get; init; } = new("http://127.0.0.1:5080");

    public int Conversations { get; init; } = 100;

    /// <summary>Total turns a second across all conversations; 0 runs closed loop (send again on every reply).</summary>
    public double Rate { get; init; } = 1000;

    public double DurationSeconds { get; init; } = 30;

    public double WarmupSeconds { get; init; } = 5;

    /// <summary>When set, tokens come from tokens/generate with this secret instead of the widget's session endpoint.</summary>
    public string? Secret { get; init; }

    public bool Json { get; init; }

    /// <summary>
    /// The server's process ids on this machine (several behind a load balancer): their CPU time and memory, summed,
    /// are reported (Linux /proc). Empty: not watched.
    /// </summary>
    public IReadOnlyList<int> ServerPids { get; init; } = [];

    /// <summary>The server's Redis (host:port): its calls per command and CPU per turn are reported (INFO).</summary>
    public string? RedisInfo { get; init; }

    /// <summary>idle: conversations started and answered once, with no stream left open, before the sockets open.</summary>
    public int SeedConversations { get; init; }

    /// <summary>With --server-pid, the server's RSS is sampled this often and its slope reported (directline).</summary>
    public double? RssEverySeconds { get; init; }

    public bool IsClosedLoop => Rate == 0;

    /// <summary>The base URL without a trailing slash, so paths can be appended to it.</summary>
    public string BaseUrl => Url.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
