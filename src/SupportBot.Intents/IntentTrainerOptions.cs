namespace SupportBot.Intents;

/// <summary>
/// How the intent model is trained. The defaults are the settings that measured best across the public benchmarks
/// (bench/README.md, "Intent classifier"), and they also train the product's own model.
/// </summary>
public sealed record IntentTrainerOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>"sdca", "lbfgs", or "auto": train both on the fit split and keep the one that scores better on validation.</summary>
    public string Trainer { get; init; } = "sdca";

    public int WordNgrams { get; init; } = 2;

    public int CharNgrams { get; init; } = 4;

    /// <summary>"joint": one model on word and character n-grams together; "ensemble": one model on each, probabilities averaged.</summary>
    public string Features { get; init; } = "joint";

    /// <summary>Term weighting of the n-gram bags: "tf" or "tfidf" (document frequencies counted on the training data).</summary>
    public string Weighting { get; init; } = "tf";

    /// <summary>At most this many n-grams of each length are kept (the most frequent); 0 keeps them all.</summary>
    public int MaxNgramsPerLength { get; init; }

    public float L2 { get; init; } = 1e-4f;

    public float AmbiguityMargin { get; init; } = 0.15f;

    /// <summary>Points of in-scope accuracy the out-of-scope threshold may give up for recall.</summary>
    public double MaxInScopeLoss { get; init; } = 2.0;

    /// <summary>
    /// "balanced": the threshold with the best in-scope accuracy plus out-of-scope recall within the loss budget;
    /// "budget": the highest threshold within the budget, i.e. the most recall the budget buys.
    /// </summary>
    public string ThresholdRule { get; init; } = "balanced";

    /// <summary>Without a validation file, every n-th example per intent and language is held out to calibrate.</summary>
    public int HoldOutEvery { get; init; } = 5;

    public int MinimumExamplesPerIntent { get; init; } = 10;
}
