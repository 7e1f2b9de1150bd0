using System.Collections.Concurrent;
using Microsoft.ML;

namespace SupportBot.Intents;

/// <summary>
/// Prediction engines for one transformer: an engine is not thread-safe, so each prediction borrows one and
/// gives it back, and many requests can predict at once. Engines are made on demand and kept.
/// </summary>
internal sealed class PredictionEnginePool<TOutput>(MLContext ml, ITransformer transformer)
    where TOutput : class, new()
{
    private readonly ConcurrentBag<PredictionEngine<IntentInput, TOutput>> _engines = [];

    public TOutput Predict(IntentInput input)
    {
        if (!_engines.TryTake(out var engine))
        {
            engine = ml.Model.CreatePredictionEngine<IntentInput, TOutput>(transformer);
        }

        try
        {
            return engine.Predict(input);
        }
        finally
        {
            _engines.Add(engine);
        }
    }
}
