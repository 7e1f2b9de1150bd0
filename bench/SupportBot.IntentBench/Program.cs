using SupportBot.IntentBench;

// The intent classifier's benchmark on public data sets: IntentBenchCommand reads the command line, IntentBenchRun runs.
return IntentBenchCommand.Run(args);
