using System.Buffers;
using System.Text;
using System.Text.Json;
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
        // Written property by property rather than from a clone without the eTag: one pass, no copy.
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in item)
            {
                if (name == ETagProperty)
                {
                    continue;
                }

                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static JsonObject FromStoredJson(string json, string etag) => WithETag(JsonNode.Parse(json)!.AsObject(), etag);

    /// <summary>The item from its stored JSON as UTF-8, as Redis hands it over (no string of it in between).</summary>
    public static JsonObject FromStoredJson(ReadOnlySpan<byte> utf8Json, string etag) => WithETag(JsonNode.Parse(utf8Json)!.AsObject(), etag);

    private static JsonObject WithETag(JsonObject item, string etag)
    {
        item[ETagProperty] = etag;
        return item;
    }
}
