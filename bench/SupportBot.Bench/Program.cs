using SupportBot.Bench;

// Exit codes: 0 the run finished (its figures say how well), 1 the server could not be reached or set up, 2 bad arguments.
return await BenchCommandLine.RunAsync(args, Console.Out, Console.Error);
