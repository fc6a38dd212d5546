using System.CommandLine;

namespace Haystack.Commands;

/// <summary><c>haystack operator</c>: runs the operator, or prints what it would create.</summary>
public static class OperatorCommand
{
    public static Command Create()
    {
        var command = new Command("operator", "Reconcile HaystackCluster resources into store, directory and cache workloads");
        command.Subcommands.Add(OperatorRunCommand.Create());
        command.Subcommands.Add(OperatorRenderCommand.Create());
        command.Subcommands.Add(CrdCommand.Create());
        return command;
    }
}
