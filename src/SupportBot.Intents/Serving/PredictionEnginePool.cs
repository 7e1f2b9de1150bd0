using System.Collections.Concurrent;
using Microsoft.ML;

namespace SupportBot.Intents;

/// <summary>
/// Prediction engines for one transformer: an engine is not thread-safe, so each prediction borrows one and
/// gives it back, and many requests can predict at once. Engines are made on demand and kept, each with an output
/// object of its own that <see cref="Predict{TState, TResult}"/> predicts into.
/// </summary>
internal sealed class PredictionEnginePool<TOutput>(MLContext ml, ITransformer transformer)
    where TOutput : class, new()
{
    private readonly ConcurrentBag<Pooled> _engines = [];

    /// <summary>A prediction of its own, which the caller may keep.</summary>
    public TOutput Predict(IntentInput input) => Predict(input, 0, static (output, _) => output, reuse: false);

    /// <summary>
    /// Runs <paramref name="use"/> on a prediction made into the engine's own output, whose vectors every later
    /// prediction of that engine writes over (ML.NET fills a vector's arrays in place when they are big enough): a
    /// message's features then cost no new arrays. Nothing of the output may outlive <paramref name="use"/>.
    /// </summary>
    public TResult Predict<TState, TResult>(IntentInput input, TState state, Func<TOutput, TState, TResult> use) =>
        Predict(input, state, use, reuse: true);

    private TResult Predict<TState, TResult>(IntentInput input, TState state, Func<TOutput, TState, TResult> use, bool reuse)
    {
        if (!_engines.TryTake(out var pooled))
        {
            pooled = new Pooled(ml.Model.CreatePredictionEngine<IntentInput, TOutput>(transformer));
        }

        try
        {
            if (!reuse)
            {
                return use(pooled.Engine.Predict(input), state);
            }

            pooled.Engine.Predict(input, ref pooled.Output);
            return use(pooled.Output, state);
        }
        finally
        {
            _engines.Add(pooled);
        }
    }

    private sealed class Pooled(PredictionEngine<IntentInput, TOutput> engine)
    {
        public PredictionEngine<IntentInput, TOutput> Engine { get; } = engine;

        public TOutput Output = new();
    }
}
