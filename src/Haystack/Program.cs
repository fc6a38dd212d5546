using System.CommandLine;

// One binary plays every role; each verb lives in Commands/<Verb>Command.cs.
var root = new RootCommand("haystack: a Haystack photo store (store, directory, cache, operator and tools in one binary)");

return await root.Parse(args).InvokeAsync();
