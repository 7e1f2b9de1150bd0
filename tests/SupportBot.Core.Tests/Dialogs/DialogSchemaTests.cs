using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.Dialogs;
using SupportBot.Handoff.Escalation;

namespace SupportBot.Tests.Dialogs;

/// <summary>dialogs/schema and the code that reads dialog files agree: one describes what the other expects.</summary>
public sealed class DialogSchemaTests
{
    [Fact]
    public void EveryShippedDialogFileMatchesItsSchema()
    {
        Assert.Empty(DialogSchema.Common.Check(Read("common.json")));
        Assert.All(Directory.GetFiles(Path.Combine(RepositoryPaths.Dialogs, "intents"), "*.json"), path =>
            Assert.Empty(DialogSchema.Dialog.Check(Read(path))));
    }

    [Fact]
    public void TheCommonSchemaRequiresEveryMessageButtonListAndWordListTheBotUses()
    {
        var schema = SchemaFile("common.schema.json");

        Assert.Subset(Required(schema["properties"]!["messages"]!), new HashSet<string>([.. MessageKeys.Required, .. HandoffMessages.Required]));
        Assert.Subset(Required(schema["properties"]!["suggest"]!), new HashSet<string>(MessageKeys.RequiredSuggestions));
        Assert.Subset(Required(schema["properties"]!["words"]!), new HashSet<string>(DialogLoader.RequiredWords));
    }

    [Fact]
    public void TheDialogSchemasSlotTypesAreTheOnesTheRecognizerKnows()
    {
        var types = SchemaFile("dialog.schema.json")["$defs"]!["ask"]!["properties"]!["type"]!["enum"]!.AsArray().Select(t => t!.GetValue<string>());

        var parsed = types.Select(t => SlotRecognizer.TryParseType(t, out var type) ? type : (SlotType?)null).ToList();

        Assert.DoesNotContain(null, parsed);
        Assert.Equal(Enum.GetValues<SlotType>().Order(), parsed.Select(p => p!.Value).Order());
    }

    [Theory]
    [InlineData("common.schema.json")]
    [InlineData("dialog.schema.json")]
    public void TheLoaderChecksAgainstTheSchemaFilesThemselves(string name)
    {
        using var embedded = typeof(DialogSchema).Assembly.GetManifestResourceStream($"SupportBot.Dialogs.Schema.{name}")!;
        using var reader = new StreamReader(embedded);

        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Dialogs, "schema", name)), reader.ReadToEnd());
    }

    private static JsonElement Read(string path) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.Dialogs, path))).RootElement;

    private static JsonNode SchemaFile(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Dialogs, "schema", name)))!;

    private static HashSet<string> Required(JsonNode node) => [.. node["required"]!.AsArray().Select(r => r!.GetValue<string>())];
}
