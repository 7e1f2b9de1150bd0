namespace SupportBot.Cli;

internal static class Usage
{
    public static int Print(TextWriter writer, int exitCode)
    {
        writer.WriteLine("""
            usage: dotnet run --project src/SupportBot.Cli -- <command> [options]

              train    --data <file.jsonl>... --out <model.zip> [--val <file.jsonl>] [--trainer lbfgs|sdca|auto]
                       [--seed N] [--word-ngrams N] [--char-ngrams N] [--hidden-units N] [--hidden-networks N]
                       [--max-in-scope-loss POINTS] [--min-examples N]
                       Trains a model; without --val every 5th example per intent and language calibrates it.
              evaluate --model <model.zip> --data <file.jsonl>... [--json]
                       Accuracy, macro-F1, per intent and language, confused pairs, out-of-scope figures.
              predict  --model <model.zip> [text...]
                       Intent, confidence, language and top 3 for each text, or for each line typed.
              transcripts export --since <date> [--until <date>] --out <file.jsonl> --redis <host:port> [--prefix sb:]
                       [--no-redact] [--salt S] [--order-pattern REGEX]
                       One line per customer utterance with the prediction and, where known, the true label and its
                       source (agent, choice, helped). Emails, phones, cards (Luhn), order numbers are redacted and
                       conversation ids hashed unless --no-redact, which keeps them in the file.
              dataset build --base <training.jsonl>... --transcripts <export.jsonl>... --out <file.jsonl> [--conflicts <file>]
                       Shipped data + labelled transcripts: duplicates dropped, new utterances per intent and language,
                       conflicts (same text, different labels) listed and left out.
              compare  --candidate <model.zip> --current <model.zip> [--eval <file.jsonl>] [--tolerance 5] [--min-examples 20] [--alpha 0.05] [--json]
                       Overall and per-intent deltas on the frozen set (models/eval/frozen.jsonl); exit 3 when an
                       intent with enough examples drops more than the tolerance and a sign test on the examples
                       that changed puts the drop beyond chance (p < alpha; --alpha 1: any such drop).
              promote  --candidate <model.zip> [--registry models/registry] [--serving models/intent-model.zip]
              rollback [--registry models/registry] [--serving models/intent-model.zip]
              models   [--registry models/registry]      the registry's versions, * = serving
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
