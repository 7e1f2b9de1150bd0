using System.Text.Json;
using SupportBot.Schema;

namespace SupportBot.Tests.Dialogs;

/// <summary>What the bot sent in one turn, with shortcuts for what a transcript test looks at.</summary>
public sealed class Replies(IReadOnlyList<Activity> activities)
{
    public IReadOnlyList<Activity> All => activities;

    public IReadOnlyList<Activity> Messages => [.. activities.Where(a => a.Type == ActivityTypes.Message)];

    public IReadOnlyList<string?> Texts => [.. Messages.Select(m => m.Text)];

    /// <summary>The turn's last message: the question the bot now waits on, if any.</summary>
    public Activity Last => Messages.Count > 0 ? Messages[^1] : throw new InvalidOperationException("The bot sent no message.");

    public string? LastText => Last.Text;

    public IReadOnlyList<string?> Buttons => [.. (Last.SuggestedActions?.Actions ?? []).Select(a => a.Title)];

    public bool Typed => activities.Any(a => a.Type == ActivityTypes.Typing);

    /// <summary>The one event of this name the turn logged, as its JSON value.</summary>
    public JsonElement Event(string name)
    {
        var found = Assert.Single(activities, a => a.Type == ActivityTypes.Event && a.Name == name);
        return found.Value ?? throw new InvalidOperationException($"Event {name} has no value.");
    }

    public bool HasEvent(string name) => activities.Any(a => a.Type == ActivityTypes.Event && a.Name == name);

    public override string ToString() => string.Join(Environment.NewLine, activities.Select(a => $"[{a.Type}{(a.Name is null ? "" : " " + a.Name)}] {a.Text}"));
}
