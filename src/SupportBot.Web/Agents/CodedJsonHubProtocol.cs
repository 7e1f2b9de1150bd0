using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using SupportBot.Handoff.Desk;

namespace SupportBot.Web.Agents;

/// <summary>
/// SignalR's JSON protocol, except for calls whose arguments do not fit the method (a number for a string, too
/// many or too few): SignalR refuses those before any hub code runs, with a message that has no code. This one
/// words the refusal as the desk's are, "bad_argument: ...", so the console and scripts read every refusal alike.
/// </summary>
public sealed class CodedJsonHubProtocol(IHubProtocol json) : IHubProtocol
{
    public string Name => json.Name;

    public int Version => json.Version;

    public TransferFormat TransferFormat => json.TransferFormat;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        if (!json.TryParseMessage(ref input, binder, out message))
        {
            return false;
        }

        if (message is InvocationBindingFailureMessage failure)
        {
            var refusal = new HubException($"{DeskCodes.BadArgument}: {Expected(binder, failure.Target)}");
            message = new InvocationBindingFailureMessage(failure.InvocationId, failure.Target, ExceptionDispatchInfo.Capture(refusal));
        }

        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => json.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => json.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => json.IsVersionSupported(version);

    private static string Expected(IInvocationBinder binder, string target)
    {
        IReadOnlyList<Type> parameters;
        try
        {
            parameters = binder.GetParameterTypes(target);
        }
        catch (HubException)
        {
            return "There is no such method.";
        }

        return parameters.Count == 0
            ? $"{target} takes no arguments."
            : $"{target} takes {parameters.Count} argument(s): {string.Join(", ", parameters.Select(Describe))}.";
    }

    private static string Describe(Type type) =>
        type == typeof(string) ? "text or null" : type == typeof(string[]) ? "a list of text or null" : type.Name;
}
