using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;

namespace SupportBot.Intents;

/// <summary>
/// The model file: ML.NET's zip with the card (<see cref="ModelCard.EntryName"/>) and any hidden layers as
/// extra entries, and the card written beside it as JSON and Markdown for people and the maintainer page.
/// </summary>
internal static class IntentModelArchive
{
    public static IntentModel Read(Stream zip, string name, bool servingOnly = false)
    {
        using var copy = new MemoryStream();
        zip.CopyTo(copy);
        copy.Position = 0;
        ModelCard card;
        var hidden = new List<HiddenLayerNetwork>();
        NeighbourIndex? neighbours = null;
        using (var archive = new ZipArchive(copy, ZipArchiveMode.Read, leaveOpen: true))
        {
            card = ReadCard(archive, name);
            for (var k = 0; card.HiddenUnits > 0 && k < Math.Max(1, card.HiddenNetworks); k++)
            {
                var entryName = HiddenLayerNetwork.EntryNameOf(k);
                var layerEntry = archive.GetEntry(entryName)
                    ?? throw new InvalidDataException($"{name}: the card names a hidden layer but {entryName} is missing.");
                using var layer = layerEntry.Open();
                hidden.Add(HiddenLayerNetwork.Read(layer, name));
            }

            if (archive.GetEntry(NeighbourIndex.EntryName) is { } neighbourEntry)
            {
                using var index = neighbourEntry.Open();
                neighbours = NeighbourIndex.Read(index, name);
            }
        }

        copy.Position = 0;
        var ml = new MLContext(card.Seed);
        var transformer = ml.Model.Load(copy, out _);
        var model = new IntentModel(ml, transformer, card, hidden, neighbours, servingOnly);
        model.Classify("hello"); // a model that cannot predict must fail here, not on a customer's message
        return model;
    }

    public static void Write(IntentModel model, string path)
    {
        var transformer = model.Transformer; // a model loaded for serving only refuses here, before any file is made
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        ReplaceFile(path, temporary =>
        {
            using (var stream = File.Create(temporary))
            {
                model.Ml.Model.Save(transformer, null, stream);
            }

            using var archive = ZipFile.Open(temporary, ZipArchiveMode.Update);
            using (var cardStream = archive.CreateEntry(ModelCard.EntryName).Open())
            {
                JsonSerializer.Serialize(cardStream, model.Card, ModelCard.Json);
            }

            for (var k = 0; k < model.Hidden.Count; k++)
            {
                using var layer = archive.CreateEntry(HiddenLayerNetwork.EntryNameOf(k)).Open();
                model.Hidden[k].Write(layer);
            }

            if (model.Neighbours is { } neighbours)
            {
                using var index = archive.CreateEntry(NeighbourIndex.EntryName).Open();
                neighbours.Write(index);
            }

            return model.Card;
        });
        WriteCardBeside(path, model.Card);
    }

    /// <summary>
    /// Records <paramref name="evaluation"/> in the card of the model file at <paramref name="path"/> (replacing one of
    /// the same name) and rewrites the card beside it. The model itself is untouched; the file is rewritten beside
    /// and renamed over, so a watching server loads either the old card or the new one, never half a file.
    /// </summary>
    public static ModelCard RecordEvaluation(string path, RecordedEvaluation evaluation)
    {
        var card = ReplaceFile(path, temporary =>
        {
            File.Copy(path, temporary);
            using var archive = ZipFile.Open(temporary, ZipArchiveMode.Update);
            var recorded = ReadCard(archive, path);
            recorded.Evaluations = [.. recorded.Evaluations.Where(e => e.Name != evaluation.Name), evaluation];
            archive.GetEntry(ModelCard.EntryName)!.Delete();
            using var cardStream = archive.CreateEntry(ModelCard.EntryName).Open();
            JsonSerializer.Serialize(cardStream, recorded, ModelCard.Json);
            return recorded;
        });
        WriteCardBeside(path, card);
        return card;
    }

    /// <summary>
    /// Writes the model file through a temporary file beside it, renamed over it last, so a watching server never
    /// loads a half-written file; the temporary file goes if writing it fails.
    /// </summary>
    private static T ReplaceFile<T>(string path, Func<string, T> write)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var written = write(temporary);
            File.Move(temporary, path, overwrite: true);
            return written;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void WriteCardBeside(string path, ModelCard card)
    {
        var stem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path));
        File.WriteAllText($"{stem}.card.json", JsonSerializer.Serialize(card, ModelCard.Json));
        File.WriteAllText($"{stem}.card.md", ModelCardMarkdown.Write(card));
    }

    private static ModelCard ReadCard(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(ModelCard.EntryName)
            ?? throw new InvalidDataException($"{name} has no model card ({ModelCard.EntryName}); it is not a SupportBot intent model.");
        ModelCard card;
        using (var cardStream = entry.Open())
        {
            card = JsonSerializer.Deserialize<ModelCard>(cardStream, ModelCard.Json)
                ?? throw new InvalidDataException($"{name}: the model card is empty.");
        }

        if (card.NormalizerVersion != TextNormalizer.Version)
        {
            throw new InvalidDataException($"{name} was trained with text normalisation v{card.NormalizerVersion}; this build uses v{TextNormalizer.Version}. Retrain it.");
        }

        return card;
    }
}
