namespace SupportBot.Intents;

public sealed class IntentOptions
{
    public const string Section = "Intents";

    /// <summary>The serving model; relative paths start at the content root. A changed file is loaded without restart.</summary>
    public string ModelPath { get; set; } = "../../models/intent-model.zip";

    /// <summary>Watch the model file and swap in a new one when it changes.</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>The versioned model registry that `promote` and `rollback` keep; the maintainer page lists it.</summary>
    public string RegistryPath { get; set; } = "../../models/registry";
}
