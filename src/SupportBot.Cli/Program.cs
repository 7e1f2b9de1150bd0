using SupportBot.Cli.Commands;

// The maintainer CLI: every verb is a System.CommandLine command under Commands/, one file per verb family;
// SupportBotCli builds the tree and maps what happens to exit codes (1 data or I/O, 2 usage, 3 not recommended).
return SupportBotCli.Run(args, Console.In, Console.Out, Console.Error);
