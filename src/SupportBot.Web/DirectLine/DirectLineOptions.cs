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

    /// <summary>Base URL clients reach this server at (behind a proxy); empty means the request's own scheme and host.</summary>
    public string PublicBaseUrl { get; set; } = "";
}
