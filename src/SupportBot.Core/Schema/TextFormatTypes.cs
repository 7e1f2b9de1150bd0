namespace SupportBot.Schema;

public static class TextFormatTypes
{
    public const string Markdown = "markdown";
    public const string Plain = "plain";
}
