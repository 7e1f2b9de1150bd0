using System.Globalization;
using System.Text;
using SupportBot.Conversations;

namespace SupportBot.Web.DirectLine;

/// <summary>
/// Builds Direct Line's ActivitySet, <c>{"activities":[...],"watermark":"N"}</c>, from logged JSON as stored,
/// without parsing it again.
/// </summary>
public static class ActivitySetWriter
{
    public static string Write(IReadOnlyList<LoggedActivity> activities, long watermark)
    {
        var builder = new StringBuilder(64 + activities.Sum(a => a.Json.Length + 1));
        builder.Append("{\"activities\":[");
        for (var i = 0; i < activities.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(activities[i].Json);
        }

        builder.Append("],\"watermark\":\"").Append(watermark.ToString(CultureInfo.InvariantCulture)).Append("\"}");
        return builder.ToString();
    }
}
