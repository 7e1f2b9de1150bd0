using Microsoft.Extensions.Logging;
using Moq;
using SupportBot.Intents;

namespace SupportBot.Tests;

public sealed class IntentClassifierTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("supportbot-serving-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IntentModel SmallModel(int seed)
    {
        var examples = TrainingData.Load(TrainedModels.DataFiles).Where(e => e.Language == "en").ToList();
        return new IntentTrainer(new IntentTrainerOptions { Trainer = "sdca", Seed = seed }).Train(examples, null, TrainedModels.DataFiles);
    }

    [Fact]
    public async Task ANewModelFileIsSwappedInUnderLoadWithoutFailingARequest()
    {
        var path = Path.Combine(_dir, "intent-model.zip");
        TrainedModels.Model.Save(path);
        var replacement = SmallModel(seed: 7);
        using var classifier = new IntentClassifier(path, reloadOnChange: true, Mock.Of<ILogger<IntentClassifier>>());
        var firstVersion = classifier.Current.Card.Version;
        var failures = 0;
        var versions = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var texts = new[] { "where is my order", "refund please", "สวัสดีค่ะ", "где мой заказ", "وين طلبي" };
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    versions.AddOrUpdate(classifier.Classify(texts[i++ % texts.Length]).ModelVersion, 1, (_, n) => n + 1);
                }
                catch
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();

        await Task.Delay(200);
        replacement.Save(path);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (classifier.Current.Card.Version == firstVersion && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Equal(0, failures);
        Assert.Equal(replacement.Card.Version, classifier.Current.Card.Version);
        Assert.True(versions.ContainsKey(firstVersion) && versions.ContainsKey(replacement.Card.Version));
    }

    [Fact]
    public void ACorruptFileLeavesThePreviousModelServingAndLogsAnError()
    {
        var path = Path.Combine(_dir, "intent-model.zip");
        TrainedModels.Model.Save(path);
        var logger = new Mock<ILogger<IntentClassifier>>();
        using var classifier = new IntentClassifier(path, reloadOnChange: false, logger.Object);

        File.WriteAllText(path, "this is not a model");
        var swapped = classifier.Reload();

        Assert.False(swapped);
        Assert.Equal(TrainedModels.Model.Card.Version, classifier.Current.Card.Version);
        Assert.Equal("order_status", classifier.Classify("where is my order").Intent);
        logger.Verify(l => l.Log(LogLevel.Error, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<Exception>(), It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once);
    }

    [Fact]
    public void AMissingModelFileStopsStartupNamingThePath()
    {
        var error = Assert.Throws<FileNotFoundException>(() =>
            new IntentClassifier(Path.Combine(_dir, "nope.zip"), reloadOnChange: false, Mock.Of<ILogger<IntentClassifier>>()));

        Assert.Contains("nope.zip", error.Message);
    }
}
