using SupportBot.Intents;

namespace SupportBot.Cli;

internal static class PredictCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var a = Arguments.Parse(args, new HashSet<string>());
        var model = IntentModel.Load(a.Required("model"));
        if (a.Words.Count > 0)
        {
            Print(model.Classify(string.Join(' ', a.Words)));
            return 0;
        }

        if (!Console.IsInputRedirected)
        {
            Console.Error.WriteLine($"model {model.Card.Version}: type a message (empty line or Ctrl+D to stop)");
        }

        while (Console.ReadLine() is { } line && (Console.IsInputRedirected || line.Length > 0))
        {
            Print(model.Classify(line));
        }

        return 0;
    }

    private static void Print(IntentResult result)
    {
        var flags = result.IsAmbiguous ? " (ambiguous)" : "";
        var top = string.Join("  ", result.Top.Select(t => $"{t.Intent} {t.Confidence:0.000}"));
        Console.WriteLine($"{result.Intent} {result.Confidence:0.000}{flags}  lang={(result.Language.Length == 0 ? "?" : result.Language)}  top: {top}");
    }
}
