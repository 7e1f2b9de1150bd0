using System.Text.Json.Nodes;
using SupportBot.Localization;

namespace SupportBot.Dialogs;

/// <summary>
/// Checks what the schema cannot in one intents/*.json file and flattens its nested steps into
/// <see cref="DialogStep"/>s. Checking runs front to back, tracking which slots and action values each step may
/// use; flattening runs back to front, so every step already knows the index of the one after it.
/// </summary>
internal sealed class DialogCompiler(DialogFile file, IReadOnlyDictionary<string, ActionDescriptor> actions)
{
    private readonly List<DialogStep> _steps = [];

    /// <summary>Intents named in "suggest" lists, checked once every dialog is loaded.</summary>
    public List<(DialogFile File, string Pointer, string Intent)> Suggested { get; } = [];

    public DialogDefinition Compile()
    {
        var root = file.Root;
        var intent = root["intent"]!.GetValue<string>();
        var expected = Path.GetFileNameWithoutExtension(file.Path);
        if (intent != expected)
        {
            file.Fail("/intent", $"the file for intent \"{intent}\" must be named {intent}.json (or say \"intent\": \"{expected}\").");
        }

        var title = file.Translated(root["title"], "/title", new HashSet<string>());
        var feedback = root["feedback"]?.GetValue<bool>() ?? true;
        var steps = Check(root["steps"]!.AsArray(), "/steps", new HashSet<string>(StringComparer.Ordinal));
        Flatten(steps, DialogStep.End);
        var ordered = Reverse();
        return new DialogDefinition(intent, title, feedback, ordered, file.Version, file.Path);
    }

    // The schema has checked each step's shape (exactly one kind, known properties, translations); what is left
    // is what it cannot see: which slots and values are known at each step, and the actions the server has.
    private List<StepSyntax> Check(JsonArray array, string pointer, HashSet<string> scope) =>
        [.. array.Select((node, i) =>
        {
            var step = node!.AsObject();
            var at = $"{pointer}/{i}";
            return step.ContainsKey("say") ? CheckSay(step, at, scope)
                : step.ContainsKey("ask") ? CheckAsk(step, at, scope)
                : step.ContainsKey("confirm") ? CheckConfirm(step, at, scope)
                : CheckCall(step, at, scope);
        })];

    private StepSyntax CheckSay(JsonObject step, string at, HashSet<string> scope)
    {
        var suggest = DialogFile.Strings(step["suggest"]);
        Suggested.AddRange(suggest.Select((intent, i) => (file, $"{at}/suggest/{i}", intent)));
        CardSpec? card = null;
        if (step["card"] is JsonObject c)
        {
            var links = (c["links"] as JsonArray ?? []).Select((link, i) => (
                file.Translated(link!["title"], $"{at}/card/links/{i}/title", scope),
                link!["url"]!.GetValue<string>())).ToList();
            card = new CardSpec(
                file.Translated(c["title"], $"{at}/card/title", scope),
                c["text"] is null ? null : file.Translated(c["text"], $"{at}/card/text", scope),
                links);
        }

        return new SayStepSyntax(file.Translated(step["say"], $"{at}/say", scope), suggest, card, step["typing"]?.GetValue<bool>() ?? false);
    }

    private StepSyntax CheckAsk(JsonObject step, string at, HashSet<string> scope)
    {
        var slot = step["ask"]!.GetValue<string>();
        var typeName = step["type"]?.GetValue<string>() ?? slot;
        if (!SlotRecognizer.TryParseType(typeName, out var type))
        {
            // With "type" given the schema has refused an unknown one; without it, the slot's name must be a type.
            file.Fail($"{at}/ask", $"\"{typeName}\" is not a slot type (orderNumber, email, address, text); name one with \"type\".");
        }

        var prompt = file.Translated(step["prompt"], $"{at}/prompt", scope);
        var retry = file.Translated(step["retry"], $"{at}/retry", scope);
        scope.Add(slot);
        return new AskStepSyntax(slot, type, prompt, retry);
    }

    private StepSyntax CheckConfirm(JsonObject step, string at, HashSet<string> scope) =>
        new ConfirmStepSyntax(file.Translated(step["confirm"], $"{at}/confirm", scope), file.Translated(step["no"], $"{at}/no", scope));

    private StepSyntax CheckCall(JsonObject step, string at, HashSet<string> scope)
    {
        var name = step["call"]!.GetValue<string>();
        if (!actions.TryGetValue(name, out var action))
        {
            file.Fail($"{at}/call", $"there is no action \"{name}\" (known: {string.Join(", ", actions.Keys.Order())}).");
        }

        foreach (var slot in action.RequiredSlots.Where(s => !scope.Contains(s)))
        {
            file.Fail($"{at}/call", $"\"{name}\" needs the slot \"{slot}\": ask for it in an earlier step.");
        }

        var on = step["on"]!.AsObject();
        foreach (var (outcome, _) in on.Where(o => !action.Outcomes.ContainsKey(o.Key)))
        {
            file.Fail($"{at}/on/{outcome}", $"\"{name}\" has no outcome \"{outcome}\" (it reports {string.Join(", ", action.Outcomes.Keys)}).");
        }

        var branches = new Dictionary<string, List<StepSyntax>>(StringComparer.Ordinal);
        foreach (var (outcome, values) in action.Outcomes)
        {
            var branch = on[outcome] as JsonArray ?? file.Fail<JsonArray>($"{at}/on", $"\"{name}\" can report \"{outcome}\", and \"on\" has no steps for it.");
            branches[outcome] = Check(branch, $"{at}/on/{outcome}", [.. scope, .. values]);
        }

        return new CallStepSyntax(name, step["typing"]?.GetValue<bool>() ?? true, branches);
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
