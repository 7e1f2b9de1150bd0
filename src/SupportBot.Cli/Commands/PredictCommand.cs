using System.CommandLine;
using SupportBot.Intents;

namespace SupportBot.Cli.Commands;

internal static class PredictCommand
{
    public static Command Create(TextReader input)
    {
        var model = CliOptions.Text("--model", "The model to ask.", "model.zip", required: true);
        var texts = new Argument<string[]>("text")
        {
            Description = "Texts to classify, each on its own (quote a sentence: \"where is my order\"); without any, each line read from standard input.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("predict", "Intent, confidence, language and top 3 for each text, followed by the text.") { model, texts };
        command.SetAction(parse => Run(parse.GetRequiredValue(model), parse.GetValue(texts) ?? [], input, parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string modelPath, string[] texts, TextReader input, TextWriter output)
    {
        var model = IntentModel.Load(modelPath);
        foreach (var text in texts)
        {
            Print(model.Classify(text), text, output);
        }

        if (texts.Length > 0)
        {
            return 0;
        }

        if (!Console.IsInputRedirected)
        {
            Console.Error.WriteLine($"model {model.Card.Version}: type a message (empty line or Ctrl+D to stop)");
        }

        while (input.ReadLine() is { } line && (Console.IsInputRedirected || line.Length > 0))
        {
            Print(model.Classify(line), line, output);
        }

        return 0;
    }

    // The text last, so the line still starts with the answer and each result says which text it is about.
    private static void Print(IntentResult result, string text, TextWriter output)
    {
        var flags = result.IsAmbiguous ? " (ambiguous)" : "";
        var top = string.Join("  ", result.Top.Select(t => $"{t.Intent} {t.Confidence:0.000}"));
        output.WriteLine($"{result.Intent} {result.Confidence:0.000}{flags}  lang={(result.Language.Length == 0 ? "?" : result.Language)}  top: {top}  ← {text}");
    }
}
