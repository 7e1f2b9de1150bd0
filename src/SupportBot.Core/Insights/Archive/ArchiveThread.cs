using System.Runtime.InteropServices;

namespace SupportBot.Insights.Archive;

/// <summary>
/// The archive worker's own thread (Archive:WorkerNice). Work handed to <see cref="RunAsync"/> starts on it and every
/// await inside comes back to it (a synchronization context of its own), so the worker's SQLite calls (synchronous
/// under their async names) and its serialisation never hold one of the few thread-pool threads customers' turns
/// need. On Linux the thread is niced: the kernel then gives the cores to turns first and the worker what is left.
/// .NET's ThreadPriority does nothing on Linux, so the nice value is set on the thread's kernel id.
/// </summary>
public sealed class ArchiveThread : IDisposable
{
    private readonly Queue _queue = new();
    private readonly Thread _thread;

    /// <param name="nice">0-19, the thread's nice value on Linux; 0 leaves it at the process's.</param>
    public ArchiveThread(string name, int nice)
    {
        var started = new ManualResetEventSlim();
        _thread = new Thread(() =>
        {
            AppliedNice = nice > 0 && OperatingSystem.IsLinux() && Renice(nice) ? nice : null;
            started.Set();
            SynchronizationContext.SetSynchronizationContext(_queue);
            _queue.Run();
        }) { IsBackground = true, Name = name };
        _thread.Start();
        started.Wait();
        started.Dispose();
    }

    /// <summary>The nice value the thread runs at, or null when none was applied (0, not Linux, or refused).</summary>
    public int? AppliedNice { get; private set; }

    /// <summary>True on an archive thread's own work: there, blocking calls already keep off the thread pool.</summary>
    public static bool IsCurrent => SynchronizationContext.Current is Queue;

    /// <summary>Runs <paramref name="work"/> on the thread; its exceptions surface in the returned task.</summary>
    public Task RunAsync(Func<Task> work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Post(async _ =>
        {
            try
            {
                await work();
                done.TrySetResult();
            }
            catch (OperationCanceledException e)
            {
                done.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        }, null);
        return done.Task;
    }

    /// <summary>The thread ends once what was handed to it has run; a continuation that comes later runs on the pool.</summary>
    public void Dispose() => _queue.Complete();

    // A C library without gettid (glibc before 2.30) leaves the thread as it is rather than ending the process.
    private static bool Renice(int nice)
    {
        try
        {
            return setpriority(PrioProcess, gettid(), nice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private const int PrioProcess = 0;

    // On Linux a thread's kernel id names it to setpriority, which then changes that thread alone.
    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int prio);

    [DllImport("libc")]
    private static extern int gettid();

    /// <summary>
    /// The thread's work, waited for without spinning. A BlockingCollection's wait spins (sched_yield) before it sleeps,
    /// and the worker waits once for every Redis reply: in a profile of a process copying 2,000 activities a second
    /// those spins were a twentieth of its CPU, each sched_yield a trip through this VM's hypervisor. A monitor's wait
    /// sleeps at once, and the worker's next piece of work is never a few microseconds away.
    /// </summary>
    private sealed class Queue : SynchronizationContext
    {
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();
        private bool _completed;

        public override void Post(SendOrPostCallback d, object? state)
        {
            lock (_work)
            {
                if (!_completed)
                {
                    _work.Enqueue((d, state));
                    if (_work.Count == 1)
                    {
                        Monitor.Pulse(_work);
                    }

                    return;
                }
            }

            ThreadPool.QueueUserWorkItem(s => d(s), state, preferLocal: false);
        }

        public override SynchronizationContext CreateCopy() => this;

        public void Run()
        {
            while (true)
            {
                (SendOrPostCallback Callback, object? State) next;
                lock (_work)
                {
                    while (_work.Count == 0)
                    {
                        if (_completed)
                        {
                            return;
                        }

                        Monitor.Wait(_work);
                    }

                    next = _work.Dequeue();
                }

                next.Callback(next.State);
            }
        }

        public void Complete()
        {
            lock (_work)
            {
                _completed = true;
                Monitor.Pulse(_work);
            }
        }
    }
}
