namespace SupportBot.Handoff.Desk;

/// <summary>
/// An expected "no" from the desk (not the owner, already taken, a bad argument): a code and a sentence for the
/// agent. The hub answers it as "code: message", the shape the console shows; nothing about it is an error.
/// </summary>
public sealed record DeskRefusal(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>What a desk operation gives back: its value, or the refusal that stopped it.</summary>
public readonly struct DeskResult<T> where T : class
{
    private DeskResult(T? value, DeskRefusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    public T? Value { get; }

    public DeskRefusal? Refusal { get; }

    public static implicit operator DeskResult<T>(T value) => new(value, null);

    public static implicit operator DeskResult<T>(DeskRefusal refusal) => new(null, refusal);
}
