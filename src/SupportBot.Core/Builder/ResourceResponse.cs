namespace SupportBot.Builder;

/// <summary>The id a channel gave to an activity it accepted.</summary>
public sealed record ResourceResponse(string Id);
