using System.CommandLine;
using Haystack.Commands;
using Haystack.Commands.Cli;

// One binary plays every role; each verb lives in Commands/<Verb>Command.cs.
var root = new RootCommand("haystack: a Haystack photo store (store, directory, cache, operator and tools in one binary)");

SecurityArguments.AddGlobalOptions(root);
root.Subcommands.Add(DevCommand.Create());
root.Subcommands.Add(StoreCommand.Create());
root.Subcommands.Add(DirectoryCommand.Create());
root.Subcommands.Add(CacheCommand.Create());
root.Subcommands.Add(OperatorCommand.Create());
root.Subcommands.Add(UploadCommand.Create());
root.Subcommands.Add(GetCommand.Create());
root.Subcommands.Add(DeleteCommand.Create());
root.Subcommands.Add(StatsCommand.Create());
root.Subcommands.Add(VolumesCommand.Create());
root.Subcommands.Add(LocateCommand.Create());
root.Subcommands.Add(CompactCommand.Create());
root.Subcommands.Add(DumpCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(RestoreIndexCommand.Create());
root.Subcommands.Add(BenchCommand.Create());

// Servers and dev get time to stop cleanly on SIGTERM/Ctrl+C (the default is 2 s).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
