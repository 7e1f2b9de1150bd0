using SupportBot.Bot;
using SupportBot.Localization;

namespace SupportBot.Tests.Localization;

public sealed class BotStringsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("supportbot-dialogs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheShippedMessagesLoadInAllFourLanguages()
    {
        var strings = BotStrings.Load(RepositoryPaths.Dialogs, MessageKeys.Required);

        foreach (var language in Languages.All)
        {
            Assert.All(MessageKeys.Required, key => Assert.False(string.IsNullOrWhiteSpace(strings.Get(key, language))));
            Assert.Equal(4, strings.Actions(MessageKeys.Welcome, language).Count);
        }

        Assert.NotEqual(strings.Get(MessageKeys.Welcome, "en"), strings.Get(MessageKeys.Welcome, "th"));
    }

    [Fact]
    public void AMissingTranslationIsAnErrorNamingTheFileTheLineAndTheLanguage()
    {
        File.WriteAllText(Path.Combine(_dir, BotStrings.FileName), """
            {
              "messages": {
                "welcome": { "en": "Hi", "th": "สวัสดี", "ru": "Привет", "ar": "مرحبا" },
                "apology": { "en": "Sorry", "th": "ขอโทษ", "ar": "آسف" }
              }
            }
            """);

        var error = Assert.Throws<DialogFileException>(() => BotStrings.Load(_dir));

        Assert.Equal(4, error.Line);
        Assert.EndsWith(BotStrings.FileName, error.File);
        Assert.Contains("\"ru\"", error.Message);
    }

    [Fact]
    public void BrokenJsonIsAnErrorNamingTheLine()
    {
        File.WriteAllText(Path.Combine(_dir, BotStrings.FileName), "{\n  \"messages\": {\n    \"welcome\": { \"en\": \"Hi\" \"th\": \"x\" }\n  }\n}");

        var error = Assert.Throws<DialogFileException>(() => BotStrings.Load(_dir));

        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void AMessageTheCodeNeedsMustBeThere()
    {
        File.WriteAllText(Path.Combine(_dir, BotStrings.FileName), """{ "messages": {} }""");

        var error = Assert.Throws<DialogFileException>(() => BotStrings.Load(_dir, [MessageKeys.Apology]));

        Assert.Contains(MessageKeys.Apology, error.Message);
    }

    [Theory]
    [InlineData("th-TH", "th")]
    [InlineData("ar-SA", "ar")]
    [InlineData("ru", "ru")]
    [InlineData("RU_ru", "ru")]
    [InlineData("de-DE", "en")]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    public void LocalesMapToTheLanguagesWeSpeak(string? locale, string expected) =>
        Assert.Equal(expected, Languages.FromLocale(locale));
}
