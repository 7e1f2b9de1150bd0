using Microsoft.ML.Data;

namespace SupportBot.Intents;

/// <summary>The feature vectors a joint linear model's featurizer makes, for training the hidden layer on them.</summary>
internal static class FeatureRows
{
    public static List<SparseRow> Of(IntentModel model, IEnumerable<IntentInput> inputs)
    {
        var featurizer = model.Featurizer ?? throw new InvalidOperationException("Only a joint linear model exposes its features.");
        var view = featurizer.Transform(model.Ml.Data.LoadFromEnumerable(inputs));
        var rows = new List<SparseRow>();
        using var cursor = view.GetRowCursor([view.Schema["Features"]]);
        var getter = cursor.GetGetter<VBuffer<float>>(view.Schema["Features"]);
        VBuffer<float> buffer = default;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            var indices = new List<int>();
            var values = new List<float>();
            foreach (var (index, value) in buffer.Items())
            {
                if (value != 0f)
                {
                    indices.Add(index);
                    values.Add(value);
                }
            }

            rows.Add(new SparseRow([.. indices], [.. values]));
        }

        return rows;
    }
}
