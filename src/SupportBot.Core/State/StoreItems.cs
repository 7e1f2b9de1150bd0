using System.Text.Json.Nodes;

namespace SupportBot.State;

/// <summary>Helpers shared by the storage implementations.</summary>
internal static class StoreItems
{
    public const string ETagProperty = "eTag";

    public static string NewETag() => Guid.NewGuid().ToString("N");

    /// <summary>The eTag a write must match, or null for an unconditional write.</summary>
    public static string? ExpectedETag(JsonObject item) =>
        item[ETagProperty]?.GetValue<string>() is { Length: > 0 } etag && etag != "*" ? etag : null;

    /// <summary>The value as stored: everything except its eTag.</summary>
    public static string ToStoredJson(JsonObject item)
    {
        var copy = (JsonObject)item.DeepClone();
        copy.Remove(ETagProperty);
        return copy.ToJsonString();
    }

    public static JsonObject FromStoredJson(string json, string etag)
    {
        var item = JsonNode.Parse(json)!.AsObject();
        item[ETagProperty] = etag;
        return item;
    }
}
