using System.CommandLine;
using Haystack.Commands;

// One binary plays every role; each verb lives in Commands/<Verb>Command.cs.
var root = new RootCommand("haystack: a Haystack photo store (store, directory, cache, operator and tools in one binary)");

root.Subcommands.Add(StoreCommand.Create());
root.Subcommands.Add(BenchCommand.Create());

return await root.Parse(args).InvokeAsync();
