using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.Schema;

public sealed class CardAction
{
    public CardAction() { }

    public CardAction(string type, string title, string value)
    {
        Type = type;
        Title = title;
        Value = JsonSerializer.SerializeToElement(value, SchemaJson.Default.String);
    }

    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public JsonElement? Value { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
