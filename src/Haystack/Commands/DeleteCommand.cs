using System.CommandLine;
using Haystack.Commands.Cli;

namespace Haystack.Commands;

/// <summary><c>haystack delete ID</c>: the directory flags the needle on every replica and drops it from the cache.</summary>
public static class DeleteCommand
{
    public static Command Create()
    {
        var id = PhotoIdArgument.Create();
        var directory = ServerOptions.Directory("Directory that deletes the photo on every replica.");
        var command = new Command("delete", "Delete a photo on every replica (through the directory).") { id, directory };
        command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var photoId = PhotoIdArgument.Parse(result.GetRequiredValue(id));
            await CliClients.Create(result, ServerUrl.Parse(result.GetRequiredValue(directory), "directory")).DeleteAsync(photoId, cancellationToken);
            Console.Out.WriteLine($"deleted {photoId}");
            return ExitCodes.Success;
        });
        return command;
    }
}
