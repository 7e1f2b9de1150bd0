using System.Reflection;
using SupportBot.Conversations;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// A conversation log that passes every call to the real one, except those a test's rule answers with an exception:
/// the store failing the way Redis or a bug would, at exactly the call the test is about.
/// </summary>
public class FaultyConversationLog : DispatchProxy
{
    private IConversationLog _inner = null!;
    private Func<string, Exception?> _fault = null!;

    /// <summary><paramref name="fault"/> gets each call's method name and returns the exception to fail it with, or null.</summary>
    public static IConversationLog Around(IConversationLog inner, Func<string, Exception?> fault)
    {
        var proxy = Create<IConversationLog, FaultyConversationLog>();
        ((FaultyConversationLog)(object)proxy)._inner = inner;
        ((FaultyConversationLog)(object)proxy)._fault = fault;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (_fault(method!.Name) is not { } failure)
        {
            return method.Invoke(_inner, args);
        }

        // Every method of the log is asynchronous: fail the task it returns, as the store would.
        var result = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : null;
        return result is null
            ? Task.FromException(failure)
            : typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!.MakeGenericMethod(result).Invoke(null, [failure]);
    }
}
