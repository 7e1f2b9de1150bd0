namespace SupportBot.Intents;

/// <summary>
/// How the intent model is trained. The defaults measured best across the public intent benchmarks
/// (bench/README.md, "Intent classifier") and also train the product's own model.
/// </summary>
public sealed record IntentTrainerOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>"lbfgs", "sdca", or "auto": train both on the fit split and keep the one that scores better on validation.</summary>
    public string Trainer { get; init; } = "lbfgs";

    public int WordNgrams { get; init; } = 2;

    /// <summary>
    /// Length of the word n-gram vector beside the character one (each is scaled to unit length first). Below 1 the
    /// character n-grams weigh more: they also carry misspellings, inflections and unsegmented Thai.
    /// </summary>
    public float WordWeight { get; init; } = 0.6f;

    /// <summary>
    /// Word n-grams read Thai as character clusters (<see cref="ThaiClusters"/>) instead of space-separated phrases.
    /// Text without Thai letters gets the same features either way.
    /// </summary>
    public bool ThaiClusters { get; init; }

    /// <summary>Shortest character n-gram. Single characters cost time and model size and add nothing on the benchmarks.</summary>
    public int CharNgramsFrom { get; init; } = 2;

    /// <summary>Longest character n-gram (n-grams span word boundaries: the spaces between words are characters too).</summary>
    public int CharNgrams { get; init; } = 4;

    /// <summary>"joint": one classifier on word and character n-grams together; "ensemble": one on each, probabilities averaged.</summary>
    public string Features { get; init; } = "joint";

    /// <summary>N-gram weighting: "tfidf", "tf" (counts) or "idf" (presence times inverse document frequency).</summary>
    public string Weighting { get; init; } = "tfidf";

    /// <summary>
    /// At most this many n-grams of each length are kept (0: all), chosen by <see cref="NgramSelection"/>. Bounds
    /// model size: the linear classifier and the hidden layers both grow with it (with three 64-unit networks,
    /// 10,000 puts CLINC150's model at 20 MB; 20,000 with one 128-unit network put it at 28 MB).
    /// </summary>
    public int MaxNgramsPerLength { get; init; } = 10_000;

    /// <summary>
    /// Which n-grams <see cref="MaxNgramsPerLength"/> keeps: "frequent" (the default), those in the most training
    /// rows (every n-gram is extracted, counted in one extra pass, and each bag cut to the most frequent; n-grams
    /// tied at the cut all go, so a bag may keep fewer), whatever the order of the rows; "first", those ML.NET meets
    /// first while reading the rows, which depends on that order (`train` interleaves the language files so that
    /// each language gets its share) and was the only way before 2026-12-05.
    /// </summary>
    public string NgramSelection { get; init; } = FrequentNgrams;

    /// <summary>The values of <see cref="NgramSelection"/>.</summary>
    public const string FirstMetNgrams = "first", FrequentNgrams = "frequent";

    /// <summary>L2 regularisation of the L-BFGS trainer (it weighs L2 against the summed loss).</summary>
    public float LbfgsL2 { get; init; } = 0.02f;

    /// <summary>L2 regularisation of the SDCA trainer (against the mean loss, hence far smaller).</summary>
    public float L2 { get; init; } = 1e-5f;

    /// <summary>Cap on L-BFGS iterations or SDCA passes; both usually stop earlier, at convergence.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>L-BFGS stops when the loss improves by less than this (relative): 1e-4 took 25% longer on CLINC150 for 0.1-0.2 points.</summary>
    public float LbfgsTolerance { get; init; } = 3e-4f;

    /// <summary>
    /// Units of each hidden-layer network trained beside the linear classifier on the same features; their averaged
    /// probabilities are averaged with the linear model's (0: the linear model alone). Needs the "joint" features.
    /// Three networks of 64 units (BANKING77 5-fold CV 91.40 against 90.61 for the linear model alone) vary less
    /// from one retrain to the next than one network of 128, whose single intents moved 5-12 F1 points with another
    /// seed (bench/README.md).
    /// </summary>
    public int HiddenUnits { get; init; } = 64;

    /// <summary>Networks of <see cref="HiddenUnits"/> units each, trained with different seeds, whose probabilities are averaged.</summary>
    public int HiddenNetworks { get; init; } = 3;

    /// <summary>Passes over the training data for the hidden layer.</summary>
    public int HiddenEpochs { get; init; } = 20;

    /// <summary>Share of hidden units switched off at random on each training example, against over-fitting.</summary>
    public float HiddenDropout { get; init; } = 0.5f;

    public float HiddenLearningRate { get; init; } = 1e-3f;

    /// <summary>Weight of the hidden layer's probabilities in the average with the linear model's.</summary>
    public float HiddenWeight { get; init; } = 0.5f;

    public float AmbiguityMargin { get; init; } = 0.15f;

    /// <summary>
    /// What the out-of-scope threshold is compared with: <see cref="Rejection.Logit"/> (the hidden layers' score for
    /// the top intent; a model without hidden layers falls back to the other), <see cref="Rejection.Neighbours"/> (that
    /// logit with the nearest training example's similarity), <see cref="Rejection.NeighboursAndLinear"/> (those and the
    /// linear model's probability for the same intent) or <see cref="Rejection.Confidence"/>.
    /// </summary>
    public string RejectBy { get; init; } = Rejection.Logit;

    /// <summary>
    /// Training examples per intent whose hidden-layer activations <see cref="Rejection.Neighbours"/> (and
    /// <see cref="Rejection.NeighboursAndLinear"/>) keeps (an even
    /// spread when an intent has more): 3 networks × 64 bytes each, so 28 intents × 300 add about 1.6 MB.
    /// </summary>
    public int NeighboursPerIntent { get; init; } = 300;

    /// <summary>Points of in-scope accuracy (on validation data) the out-of-scope threshold may give up.</summary>
    public double MaxInScopeLoss { get; init; } = 0.3;

    /// <summary>
    /// "budget": the highest threshold within <see cref="MaxInScopeLoss"/>, i.e. the most out-of-scope recall it buys;
    /// "balanced": the best in-scope accuracy plus out-of-scope recall within it (needs out-of-scope validation rows).
    /// </summary>
    public string ThresholdRule { get; init; } = "budget";

    /// <summary>
    /// Synthetic out-of-scope examples added to the fitting data, as a share of it (0: none): spans of examples of
    /// different intents glued together (<see cref="SyntheticNegatives"/>).
    /// </summary>
    public double SyntheticOutOfScope { get; init; }

    /// <summary>Without a validation file, every n-th example per intent and language is held out to calibrate.</summary>
    public int HoldOutEvery { get; init; } = 5;

    public int MinimumExamplesPerIntent { get; init; } = 10;
}
