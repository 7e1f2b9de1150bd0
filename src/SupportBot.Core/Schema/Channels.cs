namespace SupportBot.Schema;

/// <summary>Channel ids, as the Bot Framework names them.</summary>
public static class Channels
{
    public const string DirectLine = "directline";
    public const string WebChat = "webchat";
    public const string Test = "test";
    public const string MsTeams = "msteams";
    public const string Emulator = "emulator";
}
