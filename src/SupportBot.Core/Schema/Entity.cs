using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Schema;

public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
