using SupportBot.Intents;

namespace SupportBot.Tests;

public sealed class IntentModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("supportbot-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("where is my order ORD-55821", "order_status", "en")]
    [InlineData("ขอคุยกับพนักงานหน่อยค่ะ", "talk_to_human", "th")]
    [InlineData("где мой заказ", "order_status", "ru")]
    [InlineData("ابي اكلم موظف", "talk_to_human", "ar")]
    public void EveryLanguageIsUnderstood(string text, string intent, string language)
    {
        var result = TrainedModels.Model.Classify(text);

        Assert.Equal((intent, language), (result.Intent, result.Language));
        Assert.Equal(3, result.Top.Count);
        Assert.Equal(TrainedModels.Model.Card.Version, result.ModelVersion);
    }

    [Fact]
    public void AMessagesAnswerDoesNotDependOnTheMessagesClassifiedBeforeIt()
    {
        // The feature engines predict into vectors they keep and write over: a long message's features must leave
        // nothing behind for a short one. One thread, so each classification reuses the engine the one before used.
        string[] messages =
        [
            "hi", "where is my order ORD-55821 it was supposed to arrive last week and nobody answers the phone, please help me",
            "refund", "ขอคุยกับพนักงานหน่อยค่ะ", "где мой заказ", "ابي اكلم موظف", "cancel my subscription right now",
            "how do I change the delivery address on an order I placed yesterday evening from my phone",
        ];
        var model = TrainedModels.Model;
        var forwards = messages.Select(model.Classify).ToList();
        var backwards = Enumerable.Reverse(Enumerable.Reverse(messages).Select(model.Classify).ToList()).ToList();
        var longest = messages.MaxBy(m => m.Length)!;
        var afterTheLongest = messages.Select(m =>
        {
            model.Classify(longest);
            return model.Classify(m);
        }).ToList();

        Assert.Equal(messages.Length, forwards.Select(Answer).Distinct().Count()); // each message answered for itself
        Assert.Equal(forwards.Select(Answer), backwards.Select(Answer));
        Assert.Equal(forwards.Select(Answer), afterTheLongest.Select(Answer));

        static string Answer(IntentResult r) =>
            $"{r.Intent} {r.Confidence:R} {r.IsAmbiguous} {string.Join(",", r.Top.Select(t => $"{t.Intent}={t.Confidence:R}"))}";
    }

    [Fact]
    public void TheHighestProbabilitiesComeInTheOrderAStableSortFromTheTopGives()
    {
        var random = new Random(7);
        float[] values = [0f, 0.1f, 0.25f, 0.25f, 0.5f, 1f, float.NaN];
        Span<int> room = stackalloc int[3];
        for (var round = 0; round < 2000; round++)
        {
            var probabilities = Enumerable.Range(0, random.Next(0, 9)).Select(_ => values[random.Next(values.Length)]).ToArray();
            var order = room[..random.Next(1, 4)];
            var count = IntentModel.Highest(probabilities, order);

            var expected = Enumerable.Range(0, probabilities.Length).OrderByDescending(i => probabilities[i]).Take(order.Length).ToArray();
            Assert.Equal(expected, order[..count].ToArray());
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("     \t\n ")]
    [InlineData("🙂👍🔥")]
    [InlineData("?!.,")]
    public void MessagesWithoutWordsAreOutOfScopeWithoutError(string text)
    {
        var result = TrainedModels.Model.Classify(text);

        Assert.True(result.IsOutOfScope);
        Assert.Empty(result.Top);
    }

    [Fact]
    public void AVeryLongOrMixedScriptMessageClassifiesWithoutError()
    {
        var longText = string.Concat(Enumerable.Repeat("where is my order please ", 400));
        var mixed = "hello สวัสดี привет مرحبا 你好 🙂 order 123";

        var results = new[] { TrainedModels.Model.Classify(longText), TrainedModels.Model.Classify(mixed) };

        Assert.All(results, r => Assert.InRange(r.Confidence, 0f, 1f));
        Assert.Equal("order_status", results[0].Intent);
    }

    [Fact]
    public void ConfidencesAreProbabilitiesOverTheIntents()
    {
        var probabilities = TrainedModels.Model.Probabilities(IntentInput.From("i need an invoice for my company"));

        Assert.Equal(TrainedModels.Model.Card.Labels.Count, probabilities.Length);
        Assert.Equal(1.0, probabilities.Sum(), 3);
    }

    [Theory]
    [InlineData("i need an invoice for my company")]
    [InlineData("ขอคุยกับพนักงานหน่อยค่ะ")]
    [InlineData("где мой заказ номер 55821")]
    [InlineData("ابي اكلم موظف")]
    [InlineData("what is the meaning of life")]
    public void ServingScoresMatchTheMlNetModelTheyWereTakenFrom(string text)
    {
        // Serving sums the linear classifier's weights itself for speed; it must give ML.NET's own answer.
        var model = TrainedModels.Model;
        var input = IntentInput.From(text);
        var engine = new Microsoft.ML.MLContext(1).Model.CreatePredictionEngine<IntentInput, IntentPrediction>(model.Transformer);
        var expected = engine.Predict(input).Score;

        var actual = model.LinearProbabilities(input);

        Assert.True(model.ScoresDirectly, "the shipped kind of model is served by the direct scorer");
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 4));
    }

    [Fact]
    public void ASavedModelLoadsBackWithItsCardAndTheSameAnswers()
    {
        var path = Path.Combine(_dir, "model.zip");

        TrainedModels.Model.Save(path);
        var loaded = IntentModel.Load(path);

        Assert.Equal(TrainedModels.Model.Card.Version, loaded.Card.Version);
        Assert.True(File.Exists(Path.Combine(_dir, "model.card.json")));
        Assert.Contains("| intent |", File.ReadAllText(Path.Combine(_dir, "model.card.md")));
        foreach (var text in new[] { "refund?", "อยากคืนสินค้า", "хочу вернуть деньги", "فين فلوسي" })
        {
            var before = TrainedModels.Model.Classify(text);
            var after = loaded.Classify(text);
            Assert.Equal((before.Intent, before.Confidence, before.Language, before.IsAmbiguous), (after.Intent, after.Confidence, after.Language, after.IsAmbiguous));
            Assert.Equal(before.Top, after.Top);
        }
    }

    [Fact]
    public void AModelLoadedForServingGivesTheSameProbabilitiesAndCannotBeSaved()
    {
        var path = Path.Combine(_dir, "model.zip");
        TrainedModels.Model.Save(path);

        var serving = IntentModel.LoadForServing(path);

        foreach (var text in new[] { "refund?", "อยากคืนสินค้า", "хочу вернуть деньги", "فين فلوسي" })
        {
            Assert.Equal(TrainedModels.Model.Probabilities(IntentInput.From(text)), serving.Probabilities(IntentInput.From(text)));
        }

        Assert.Throws<InvalidOperationException>(() => serving.Save(Path.Combine(_dir, "again.zip")));
    }

    [Fact]
    public void AModelWithHiddenLayersLoadsBackWithTheSameAnswersAndIsRefusedWithoutOne()
    {
        var path = Path.Combine(_dir, "model.zip");
        var english = TrainingData.Load(TrainedModels.DataFiles).Where(e => e.Language == "en").ToList();
        var model = new IntentTrainer(new IntentTrainerOptions { HiddenUnits = 16, HiddenNetworks = 2, HiddenEpochs = 3 }).Train(english, null, TrainedModels.DataFiles);
        model.Save(path);
        Assert.Equal(2, IntentModel.Load(path).Card.HiddenNetworks);
        foreach (var text in new[] { "refund?", "where is my parcel", "hello" })
        {
            Assert.Equal(model.Probabilities(IntentInput.From(text)), IntentModel.Load(path).Probabilities(IntentInput.From(text)));
        }

        using (var archive = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
        {
            archive.GetEntry(HiddenLayerNetwork.EntryNameOf(1))!.Delete();
        }

        var error = Assert.Throws<InvalidDataException>(() => IntentModel.Load(path));

        Assert.Contains(HiddenLayerNetwork.EntryNameOf(1), error.Message);
    }

    [Theory]
    [InlineData("not a zip at all")]
    [InlineData("")]
    public void ACorruptModelFileIsRefusedWithAClearError(string content)
    {
        var path = Path.Combine(_dir, "broken.zip");
        File.WriteAllText(path, content);

        Assert.ThrowsAny<Exception>(() => IntentModel.Load(path));
    }

    [Fact]
    public void AZipThatIsNotOurModelIsRefusedSayingSo()
    {
        var path = Path.Combine(_dir, "other.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            archive.CreateEntry("readme.txt");
        }

        var error = Assert.Throws<InvalidDataException>(() => IntentModel.Load(path));

        Assert.Contains("model card", error.Message);
    }
}
