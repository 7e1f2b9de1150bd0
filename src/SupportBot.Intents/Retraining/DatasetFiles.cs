using SupportBot.Intents;

namespace SupportBot.Retraining;

/// <summary>
/// What <c>dataset build</c> writes: the merged examples in the shipped training data's shape (so the trainer reads
/// them as it reads models/training), and the conflicts with every label and its source for a person to settle.
/// </summary>
public static class DatasetFiles
{
    public static void WriteExamples(string path, IEnumerable<IntentExample> examples) =>
        ModelRegistry.WriteAtomically(path, string.Concat(examples.Select(e =>
            JsonLines.Line(new { text = e.Text, intent = e.Intent, lang = e.Language }))));

    public static void WriteConflicts(string path, IEnumerable<DatasetConflict> conflicts) =>
        ModelRegistry.WriteAtomically(path, string.Concat(conflicts.Select(c =>
            JsonLines.Line(new { text = c.Text, labels = c.Labels.Select(l => new { intent = l.Intent, source = l.Source }) }))));
}
