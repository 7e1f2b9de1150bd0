using System.Text.Json;
using SupportBot.Schema;

namespace SupportBot.Intents;

/// <summary>
/// How a classification travels with the customer's activity: an entity of its own type, so the log, the agent
/// and the retraining export all see what the bot understood and which model said so.
/// </summary>
public static class IntentEntity
{
    public const string Type = "supportbot/intent";

    public static void Attach(Activity activity, IntentResult result)
    {
        activity.Entities = [.. (activity.Entities ?? []).Where(e => e.Type != Type)];
        activity.Entities.Add(new Entity
        {
            Type = Type,
            Properties = new Dictionary<string, JsonElement>
            {
                ["intent"] = JsonSerializer.SerializeToElement(result.Intent),
                ["confidence"] = JsonSerializer.SerializeToElement(MathF.Round(result.Confidence, 4)),
                ["ambiguous"] = JsonSerializer.SerializeToElement(result.IsAmbiguous),
                ["language"] = JsonSerializer.SerializeToElement(result.Language),
                ["top"] = JsonSerializer.SerializeToElement(result.Top.Select(t => new { intent = t.Intent, confidence = MathF.Round(t.Confidence, 4) })),
                ["modelVersion"] = JsonSerializer.SerializeToElement(result.ModelVersion),
            },
        });
    }

    /// <summary>Removes any entity of our type a client sent: only the server says what a message meant.</summary>
    public static void Strip(Activity activity)
    {
        if (activity.Entities is { } entities)
        {
            entities.RemoveAll(e => e.Type == Type);
        }
    }

    public static IntentResult? Read(Activity activity)
    {
        var entity = activity.Entities?.FirstOrDefault(e => e.Type == Type);
        if (entity?.Properties is not { } p)
        {
            return null;
        }

        var top = p.TryGetValue("top", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(t => new ScoredIntent(t.GetProperty("intent").GetString()!, t.GetProperty("confidence").GetSingle())).ToList()
            : [];
        return new IntentResult(
            p["intent"].GetString()!, p["confidence"].GetSingle(), p["ambiguous"].GetBoolean(),
            p["language"].GetString()!, top, p["modelVersion"].GetString()!);
    }
}
