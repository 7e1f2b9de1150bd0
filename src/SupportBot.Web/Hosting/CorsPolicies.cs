namespace SupportBot.Web.Hosting;

public static class CorsPolicies
{
    /// <summary>
    /// The sites allowed to embed the widget (Widget:AllowedOrigins): the widget's session and the Direct Line calls
    /// its Web Chat makes answer them. The widget feature defines the policy; Direct Line names it.
    /// </summary>
    public const string EmbeddingSites = "widget";
}
