using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SupportBot.Bot;
using SupportBot.Builder;
using SupportBot.Conversations;
using SupportBot.Dialogs;
using SupportBot.Handoff;
using SupportBot.Handoff.Agents;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;
using SupportBot.Handoff.Tickets;
using SupportBot.Intents;
using SupportBot.Orders;
using SupportBot.Schema;
using SupportBot.State;
using SupportBot.Tests.Builder;

namespace SupportBot.Tests.Dialogs;

/// <summary>
/// One customer talking to the real bot and dialogs, without a web host: the intent classifier is scripted per
/// message text (anything not scripted is out of scope, in no particular language) and the demo orders keep their
/// changes in the same memory storage as the conversation state.
/// </summary>
public sealed class BotConversation : IDisposable
{
    public static readonly DateTimeOffset Today = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, IntentResult> _understood = new(StringComparer.Ordinal);
    private readonly TestAdapter _adapter = new();
    private int _messages;

    /// <param name="storage">Another conversation's storage: this one is then the same conversation after a server restart.</param>
    /// <param name="handoff">Hand-off rules to run with (the memory stores, one agent "anna" online); none: the bot never escalates.</param>
    public BotConversation(string? dialogsPath = null, BotOptions? options = null, MemoryStorage? storage = null, HandoffOptions? handoff = null)
    {
        Storage = storage ?? new MemoryStorage();
        var conversationState = new ConversationState(Storage);
        Dialogs = new DialogCatalogProvider(dialogsPath ?? RepositoryPaths.Dialogs, DialogActions.Descriptors, reloadOnChange: false, NullLogger<DialogCatalogProvider>.Instance);
        Orders = new DemoOrderSource(Path.Combine(RepositoryPaths.Root, "demo", "orders.json"), Storage, new FakeTimeProvider(Today), TimeSpan.Zero);
        Classifier = new Mock<IIntentClassifier>();
        Classifier.Setup(c => c.Classify(It.IsAny<string?>()))
            .Returns((string? text) => _understood.GetValueOrDefault(text ?? "") ?? Result(IntentNames.OutOfScope, 0.2f, false, "", []));
        var recognizer = new SlotRecognizer(new OrderNumbers(Options.Create(new OrderOptions())));
        HandoffService? handoffService = null;
        if (handoff is not null)
        {
            var agents = new AgentsOptions { Accounts = [new AgentAccountOptions { Id = "anna", Name = "Anna", PasswordHash = "-", Capacity = 2 }] };
            Directory = new AgentDirectory(Options.Create(agents), new MemoryAgentAccounts(), Presence, Handoffs, Clock);
            handoffService = new HandoffService(Handoffs, Directory, Notifier.Object, Log, Options.Create(handoff), Clock);
            Log.CreateAsync(new ConversationRecord(ConversationId, "user-1", "Customer", Locale, Today)).GetAwaiter().GetResult();
            Presence.ConnectedAsync("anna", "connection-1", Today).GetAwaiter().GetResult();
        }

        Engine = new DialogEngine(Dialogs, [.. OrderActions.Create(Orders), new TicketActions(Tickets, Notifier.Object, Clock)],
            recognizer, Classifier.Object, conversationState, options ?? new BotOptions(), handoffService);
        Bot = new SupportDeskBot(Engine, handoffService);
        _adapter.Use(new AutoSaveStateMiddleware(conversationState));
    }

    public const string ConversationId = "conv-1";

    public MemoryStorage Storage { get; }

    public FakeTimeProvider Clock { get; } = new(Today);

    public MemoryHandoffStore Handoffs { get; } = new();

    public MemoryAgentPresence Presence { get; } = new();

    public MemoryTicketStore Tickets { get; } = new();

    public MemoryConversationLog Log { get; } = new();

    public Mock<IAgentNotifier> Notifier { get; } = new();

    public AgentDirectory? Directory { get; }

    public DialogCatalogProvider Dialogs { get; }

    public DemoOrderSource Orders { get; }

    public Mock<IIntentClassifier> Classifier { get; }

    public DialogEngine Engine { get; }

    public SupportDeskBot Bot { get; }

    public DialogCatalog Catalog => Dialogs.Current;

    /// <summary>The locale the widget sends with every activity; changing it is the customer picking a language.</summary>
    public string Locale { get; set; } = "en-US";

    /// <summary>The id of the last activity the customer sent.</summary>
    public string? LastId { get; private set; }

    /// <summary>The classifier will read <paramref name="text"/> as <paramref name="intent"/>, confidently.</summary>
    public void Understands(string text, string intent, string language = "en", float confidence = 0.92f) =>
        _understood[text] = Result(intent, confidence, false, language, [new(intent, confidence), new(IntentNames.OutOfScope, 1 - confidence)]);

    /// <summary>The classifier will find <paramref name="text"/> too close to call between two intents.</summary>
    public void Hesitates(string text, string first, string second, string language = "en") =>
        _understood[text] = Result(first, 0.46f, true, language, [new(first, 0.46f), new(second, 0.41f), new(IntentNames.OutOfScope, 0.13f)]);

    /// <summary>The classifier will read <paramref name="text"/> as off-topic: its own out_of_scope label comes first.</summary>
    public void FindsOffTopic(string text, string language = "en") =>
        _understood[text] = Result(IntentNames.OutOfScope, 0.81f, false, language, [new(IntentNames.OutOfScope, 0.81f), new("order_status", 0.07f)]);

    public Task<Replies> SayAsync(string text) => SendAsync(NewMessage(text));

    /// <summary>Clicks the button titled <paramref name="title"/> on <paramref name="reply"/>, as Web Chat posts a messageBack.</summary>
    public Task<Replies> ClickAsync(Activity reply, string title)
    {
        var button = Assert.Single(reply.SuggestedActions?.Actions ?? [], a => a.Title == title);
        Assert.Equal(ActionTypes.MessageBack, button.Type);
        var click = NewMessage(button.Text ?? title);
        click.Value = button.Value;
        return SendAsync(click);
    }

    public Activity NewMessage(string? text)
    {
        var activity = TestAdapter.Message(text ?? "", Locale);
        activity.Text = text;
        activity.Id = $"{ConversationId}|{++_messages:D7}";
        return activity;
    }

    public async Task<Replies> SendAsync(Activity activity)
    {
        LastId = activity.Id;
        var before = _adapter.Sent.Count;
        await _adapter.ProcessAsync(activity, Bot);
        return new Replies([.. _adapter.Sent.Skip(before)]);
    }

    /// <summary>The conversation's dialog memory as the last turn stored it.</summary>
    public Task<DialogMemory> MemoryAsync() =>
        Engine.MemoryAsync(new TurnContext(_adapter, TestAdapter.Message("", Locale)), CancellationToken.None);

    public string Message(string key, string language = "en") => Catalog.Message(key, language);

    public string Title(string intent, string language = "en") => Catalog.Find(intent)!.Title[language];

    public string Prompt(string intent, string slot, string language = "en") => Ask(intent, slot).Prompt[language];

    public string Retry(string intent, string slot, string language = "en") => Ask(intent, slot).Retry[language];

    public static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);

    public void Dispose() => Dialogs.Dispose();

    private AskStep Ask(string intent, string slot) => Catalog.Find(intent)!.Steps.OfType<AskStep>().First(a => a.Slot == slot);

    private static IntentResult Result(string intent, float confidence, bool ambiguous, string language, IReadOnlyList<ScoredIntent> top) =>
        new(intent, confidence, ambiguous, language, top, "test-model");
}
