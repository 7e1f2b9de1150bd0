namespace SupportBot.Cli;

internal static class Usage
{
    public static int Print(TextWriter writer, int exitCode)
    {
        writer.WriteLine("""
            usage: dotnet run --project src/SupportBot.Cli -- <command> [options]

              train    --data <file.jsonl>... --out <model.zip> [--val <file.jsonl>] [--trainer lbfgs|sdca|auto]
                       [--seed N] [--word-ngrams N] [--char-ngrams N] [--max-in-scope-loss POINTS] [--min-examples N]
                       Trains a model; without --val every 5th example per intent and language calibrates it.
              evaluate --model <model.zip> --data <file.jsonl>... [--json]
                       Accuracy, macro-F1, per intent and language, confused pairs, out-of-scope figures.
              predict  --model <model.zip> [text...]
                       Intent, confidence, language and top 3 for each text, or for each line typed.
              agents hash-password
                       Reads a password on standard input and prints its hash for Agents:Accounts:N:PasswordHash.
              agents add --id <name> --redis <host:port> [--name "Shown name"] [--roles agent,supervisor,maintainer]
                       [--languages en,th] [--skills orders,billing] [--capacity N] [--prefix sb:]
                       Adds (or replaces) an agent account in Redis; the password is read on standard input.
              agents list --redis <host:port> [--prefix sb:]     agents remove --id <name> --redis <host:port>

            Training files are JSONL: {"text": "...", "intent": "...", "lang": "en"}; intent out_of_scope marks
            what the bot should not handle.
            """);
        return exitCode;
    }
}
