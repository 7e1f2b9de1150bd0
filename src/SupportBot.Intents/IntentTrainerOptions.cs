namespace SupportBot.Intents;

public sealed record IntentTrainerOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>"sdca", "lbfgs", or "auto": train both on the fit split and keep the one that scores better on validation.</summary>
    public string Trainer { get; init; } = "auto";

    public int WordNgrams { get; init; } = 2;

    public int CharNgrams { get; init; } = 4;

    public float L2 { get; init; } = 1e-4f;

    public float AmbiguityMargin { get; init; } = 0.15f;

    /// <summary>Points of in-scope accuracy the out-of-scope threshold may give up for recall.</summary>
    public double MaxInScopeLoss { get; init; } = 2.0;

    /// <summary>Without a validation file, every n-th example per intent and language is held out to calibrate.</summary>
    public int HoldOutEvery { get; init; } = 5;

    public int MinimumExamplesPerIntent { get; init; } = 10;
}
