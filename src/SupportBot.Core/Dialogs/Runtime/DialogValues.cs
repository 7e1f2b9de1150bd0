namespace SupportBot.Dialogs;

/// <summary>
/// The bot's own protocol strings: the <c>value</c> its buttons send back (messageBack), and the events it logs
/// in the conversation for metrics and retraining.
/// </summary>
public static class DialogValues
{
    /// <summary>Property of a button's value naming what the button does.</summary>
    public const string Kind = "supportbot";

    /// <summary>A topic button: starts the dialog of "intent".</summary>
    public const string Topic = "topic";

    /// <summary>A "did you mean" button: "intent" is the customer's choice ("" for something else).</summary>
    public const string Choose = "choose";

    /// <summary>A yes/no button of a confirmation step or the "did that help?" question: "yes" is true or false.</summary>
    public const string Answer = "answer";

    /// <summary>A survey button after an agent's chat: "rating" is 1-5, or "nps" is 0-10.</summary>
    public const string Survey = "survey";

    public const string Rating = "rating";
    public const string Nps = "nps";

    public const string Intent = "intent";
    public const string Yes = "yes";

    /// <summary>Every event name below starts with it; only the bot logs these events, never a client.</summary>
    public const string EventPrefix = "supportbot.";

    /// <summary>Event: the customer answered "did that help?". Value: utteranceId, intent, helped.</summary>
    public const string FeedbackEvent = EventPrefix + "feedback";

    /// <summary>Event: the customer picked an intent in a "did you mean" question. Value: utteranceId, intent.</summary>
    public const string IntentChosenEvent = EventPrefix + "intentChosen";

    /// <summary>Event: the customer left the hand-off queue before an agent took the chat (the archive's "abandoned"). Value: none.</summary>
    public const string LeftQueueEvent = EventPrefix + "leftQueue";

    /// <summary>
    /// Event: the customer rated the agent's chat, sent at each answer (rating, NPS, comment): the last of a hand-off
    /// counts. Value: rating (1-5), nps (0-10, or null: not asked or skipped), comment.
    /// </summary>
    public const string SurveyEvent = EventPrefix + "survey";
}
