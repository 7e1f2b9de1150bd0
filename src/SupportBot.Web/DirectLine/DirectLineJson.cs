using System.Text.Json.Serialization;

namespace SupportBot.Web.DirectLine;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ConversationResponse))]
[JsonSerializable(typeof(StartRequest))]
[JsonSerializable(typeof(IdResponse))]
internal sealed partial class DirectLineJson : JsonSerializerContext;
