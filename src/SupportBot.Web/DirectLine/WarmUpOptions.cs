namespace SupportBot.Web.DirectLine;

/// <summary>Section "WarmUp": the turns a new process runs on a throwaway copy of itself before it listens.</summary>
public sealed class WarmUpOptions
{
    public const string Section = "WarmUp";

    /// <summary>How many customer turns to run; 0 starts the server cold.</summary>
    public int Turns { get; set; } = 4000;

    /// <summary>The most the warm-up (its turns, then the wait for the compiler) may hold up the start, whatever is left of <see cref="Turns"/>.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromSeconds(20);
}
