using System.Net;
using System.Net.Sockets;

namespace SupportBot.Tests.Infrastructure;

/// <summary>
/// Ports for the servers and Redis processes a test starts itself. Asking the kernel for port 0 and handing the
/// number on is a race: until the child binds it, the kernel may give the same port to the next caller (three servers
/// started at once once shared one, so the test talked to the wrong process) or to any outgoing connection. These come
/// from below the ephemeral range (32768 and up), which the kernel never hands out on its own, each number once per
/// test run, skipping ones something else holds.
/// </summary>
public static class TestPorts
{
    private const int First = 20000;
    private const int Count = 12000;
    private static int _next = Random.Shared.Next(Count);

    public static int Next()
    {
        for (var tries = 0; tries < 200; tries++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {First + Count}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
