using System.Text.Json.Nodes;
using SupportBot.Localization;

namespace SupportBot.Dialogs;

/// <summary>
/// Checks one intents/*.json file and flattens its nested steps into <see cref="DialogStep"/>s. Checking runs
/// front to back, tracking which slots and action values each step may use; flattening runs back to front,
/// so every step already knows the index of the one after it.
/// </summary>
internal sealed class DialogCompiler(DialogLoader.JsonFile file, IReadOnlyDictionary<string, ActionDescriptor> actions)
{
    private readonly List<DialogStep> _steps = [];

    /// <summary>Intents named in "suggest" lists, checked once every dialog is loaded.</summary>
    public List<(DialogLoader.JsonFile File, string Pointer, string Intent)> Suggested { get; } = [];

    public DialogDefinition Compile()
    {
        var root = file.Root;
        file.AllowOnly(root, "", "$schema", "intent", "title", "feedback", "steps");
        var intent = file.String(root["intent"], "/intent");
        var expected = Path.GetFileNameWithoutExtension(file.Path);
        if (intent != expected)
        {
            file.Fail("/intent", $"the file for intent \"{intent}\" must be named {intent}.json (or say \"intent\": \"{expected}\").");
        }

        var title = file.Translated(root["title"], "/title", new HashSet<string>());
        var feedback = file.Boolean(root["feedback"], "/feedback") ?? true;
        var steps = Check(root["steps"], "/steps", new HashSet<string>(StringComparer.Ordinal));
        Flatten(steps, DialogStep.End);
        var ordered = Reverse();
        return new DialogDefinition(intent, title, feedback, ordered, file.Version, file.Path);
    }

    private List<StepSyntax> Check(JsonNode? node, string pointer, HashSet<string> scope)
    {
        if (node is not JsonArray array || array.Count == 0)
        {
            return file.Fail<List<StepSyntax>>(pointer, $"\"{pointer[(pointer.LastIndexOf('/') + 1)..]}\" must be a non-empty list of steps.");
        }

        var result = new List<StepSyntax>();
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"{pointer}/{i}";
            var step = file.Object(array[i], at);
            var kinds = new[] { "say", "ask", "confirm", "call" }.Where(step.ContainsKey).ToList();
            if (kinds.Count != 1)
            {
                file.Fail(at, "each step must have exactly one of \"say\", \"ask\", \"confirm\" or \"call\".");
            }

            result.Add(kinds[0] switch
            {
                "say" => CheckSay(step, at, scope),
                "ask" => CheckAsk(step, at, scope),
                "confirm" => CheckConfirm(step, at, scope),
                _ => CheckCall(step, at, scope),
            });
        }

        return result;
    }

    private StepSyntax CheckSay(JsonObject step, string at, HashSet<string> scope)
    {
        file.AllowOnly(step, at, "say", "suggest", "card", "typing");
        var suggest = step["suggest"] is null ? [] : file.Strings(step["suggest"], $"{at}/suggest");
        Suggested.AddRange(suggest.Select((intent, i) => (file, $"{at}/suggest/{i}", intent)));
        CardSpec? card = null;
        if (step["card"] is { } cardNode)
        {
            var c = file.Object(cardNode, $"{at}/card");
            file.AllowOnly(c, $"{at}/card", "title", "text", "links");
            var links = c["links"] is null ? [] : (c["links"] as JsonArray ?? file.Fail<JsonArray>($"{at}/card/links", "\"links\" must be a list."))
                .Select((link, i) =>
                {
                    var l = file.Object(link, $"{at}/card/links/{i}");
                    file.AllowOnly(l, $"{at}/card/links/{i}", "title", "url");
                    var url = file.String(l["url"], $"{at}/card/links/{i}/url");
                    if (!url.StartsWith("https://", StringComparison.Ordinal) && !(url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)))
                    {
                        file.Fail($"{at}/card/links/{i}/url", "a link must start with https:// or be a path on this site (/...).");
                    }

                    return (file.Translated(l["title"], $"{at}/card/links/{i}/title", scope), url);
                }).ToList();
            card = new CardSpec(
                file.Translated(c["title"], $"{at}/card/title", scope),
                c["text"] is null ? null : file.Translated(c["text"], $"{at}/card/text", scope),
                links);
        }

        return new SayStepSyntax(file.Translated(step["say"], $"{at}/say", scope), suggest, card, file.Boolean(step["typing"], $"{at}/typing") ?? false);
    }

    private StepSyntax CheckAsk(JsonObject step, string at, HashSet<string> scope)
    {
        file.AllowOnly(step, at, "ask", "type", "prompt", "retry");
        var slot = file.String(step["ask"], $"{at}/ask");
        var typeName = step["type"] is null ? slot : file.String(step["type"], $"{at}/type");
        if (!SlotRecognizer.TryParseType(typeName, out var type))
        {
            file.Fail(step["type"] is null ? $"{at}/ask" : $"{at}/type",
                $"\"{typeName}\" is not a slot type (orderNumber, email, address, text); name one with \"type\".");
        }

        var prompt = file.Translated(step["prompt"], $"{at}/prompt", scope);
        var retry = file.Translated(step["retry"], $"{at}/retry", scope);
        scope.Add(slot);
        return new AskStepSyntax(slot, type, prompt, retry);
    }

    private StepSyntax CheckConfirm(JsonObject step, string at, HashSet<string> scope)
    {
        file.AllowOnly(step, at, "confirm", "no");
        return new ConfirmStepSyntax(file.Translated(step["confirm"], $"{at}/confirm", scope), file.Translated(step["no"], $"{at}/no", scope));
    }

    private StepSyntax CheckCall(JsonObject step, string at, HashSet<string> scope)
    {
        file.AllowOnly(step, at, "call", "typing", "on");
        var name = file.String(step["call"], $"{at}/call");
        if (!actions.TryGetValue(name, out var action))
        {
            file.Fail($"{at}/call", $"there is no action \"{name}\" (known: {string.Join(", ", actions.Keys.Order())}).");
        }

        foreach (var slot in action.RequiredSlots.Where(s => !scope.Contains(s)))
        {
            file.Fail($"{at}/call", $"\"{name}\" needs the slot \"{slot}\": ask for it in an earlier step.");
        }

        var on = file.Object(step["on"], $"{at}/on");
        foreach (var (outcome, _) in on.Where(o => !action.Outcomes.ContainsKey(o.Key)))
        {
            file.Fail($"{at}/on/{outcome}", $"\"{name}\" has no outcome \"{outcome}\" (it reports {string.Join(", ", action.Outcomes.Keys)}).");
        }

        var branches = new Dictionary<string, List<StepSyntax>>(StringComparer.Ordinal);
        foreach (var (outcome, values) in action.Outcomes)
        {
            if (!on.ContainsKey(outcome))
            {
                file.Fail($"{at}/on", $"\"{name}\" can report \"{outcome}\", and \"on\" has no steps for it.");
            }

            branches[outcome] = Check(on[outcome], $"{at}/on/{outcome}", [.. scope, .. values]);
        }

        return new CallStepSyntax(name, file.Boolean(step["typing"], $"{at}/typing") ?? true, branches);
    }

    /// <summary>Appends the steps last to first, each pointing at the one after it; returns the index of the first.</summary>
    private int Flatten(List<StepSyntax> steps, int continuation)
    {
        var next = continuation;
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            DialogStep step = steps[i] switch
            {
                SayStepSyntax s => new SayStep(next, s.Text, s.Suggest, s.Card, s.Typing),
                AskStepSyntax a => new AskStep(next, a.Slot, a.Type, a.Prompt, a.Retry),
                ConfirmStepSyntax c => new ConfirmStep(next, c.Question, c.No),
                CallStepSyntax c => FlattenCall(c, next),
                _ => throw new InvalidOperationException(),
            };
            _steps.Add(step);
            next = _steps.Count - 1;
        }

        return next;
    }

    private CallStep FlattenCall(CallStepSyntax call, int next)
    {
        var outcomes = call.Branches.ToDictionary(b => b.Key, b => Flatten(b.Value, next), StringComparer.Ordinal);
        return new CallStep(next, call.Action, call.Typing, outcomes);
    }

    /// <summary>Renumbers so the dialog's first step is step 0 (flattening appended it last).</summary>
    private List<DialogStep> Reverse()
    {
        var last = _steps.Count - 1;
        int Map(int index) => index == DialogStep.End ? DialogStep.End : last - index;
        return [.. Enumerable.Range(0, _steps.Count).Select(i => _steps[last - i] switch
        {
            SayStep s => (DialogStep)(s with { Next = Map(s.Next) }),
            AskStep a => a with { Next = Map(a.Next) },
            ConfirmStep c => c with { Next = Map(c.Next) },
            CallStep c => c with { Next = Map(c.Next), Outcomes = c.Outcomes.ToDictionary(o => o.Key, o => Map(o.Value), StringComparer.Ordinal) },
            _ => throw new InvalidOperationException(),
        })];
    }

    private abstract record StepSyntax;

    private sealed record SayStepSyntax(LocalizedText Text, IReadOnlyList<string> Suggest, CardSpec? Card, bool Typing) : StepSyntax;

    private sealed record AskStepSyntax(string Slot, SlotType Type, LocalizedText Prompt, LocalizedText Retry) : StepSyntax;

    private sealed record ConfirmStepSyntax(LocalizedText Question, LocalizedText No) : StepSyntax;

    private sealed record CallStepSyntax(string Action, bool Typing, Dictionary<string, List<StepSyntax>> Branches) : StepSyntax;
}
