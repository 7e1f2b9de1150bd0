namespace SupportBot.Web.DirectLine;

public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>Bearer secret for tokens/generate and server-side callers. Empty disables tokens/generate.</summary>
    public string Secret { get; set; } = "";

    /// <summary>How long a conversation token stays valid; Web Chat refreshes every 15 minutes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest message text accepted, in characters.</summary>
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>Largest JSON body accepted for one activity, in bytes.</summary>
    public int MaxActivityBytes { get; set; } = 128 * 1024;

    /// <summary>Largest single uploaded file, in bytes.</summary>
    public int MaxUploadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most files in one upload.</summary>
    public int MaxFilesPerUpload { get; set; } = 5;

    /// <summary>
    /// Content types customers may upload; each is also checked against the file's first bytes. Not configured: png,
    /// jpeg, gif, webp, pdf and plain text. (Null rather than a default list: binding would add to it, not replace it.)
    /// </summary>
    public string[]? AllowedUploadTypes { get; set; }

    public IReadOnlyList<string> UploadTypes => AllowedUploadTypes ?? ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"];

    /// <summary>An empty frame goes down an idle WebSocket this often so proxies keep it open.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most activities in one polling answer or one replay frame.</summary>
    public int MaxActivitiesPerRead { get; set; } = 100;

    /// <summary>
    /// Base URL clients reach this server at (behind a proxy). Empty: the request's own scheme and Host, and only
    /// for a Host in <see cref="AllowedHosts"/>, since the URLs built from it are stored and handed to customers.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>
    /// Hosts (port ignored; "*.example.com" matches subdomains) whose Host header is trusted to build URLs when
    /// <see cref="PublicBaseUrl"/> is empty. Not configured: this machine only. (Null for the same reason as upload types.)
    /// </summary>
    public string[]? AllowedHosts { get; set; }

    public IReadOnlyList<string> TrustedHosts => AllowedHosts ?? ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Key that signs attachment URLs (at least 32 characters). Empty: derived from <see cref="Secret"/>, whose
    /// holder may read every conversation anyway; with no secret either, a random key valid on this process only.
    /// </summary>
    public string AttachmentUrlKey { get; set; } = "";
}
