namespace SupportBot.Schema;

/// <summary>Values of <c>from.role</c>.</summary>
public static class RoleTypes
{
    public const string User = "user";
    public const string Bot = "bot";
}
