using System.CommandLine;
using System.Net;
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
            using var client = new ServerClient("directory", ServerUrl.Parse(result.GetRequiredValue(directory), "directory"));
            using var response = await client.SendAsync(HttpMethod.Delete, photoId.ToString(), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new CliException($"photo {photoId} was not found on any replica: already deleted, never uploaded, or a wrong id.");
            }
            if (!response.IsSuccessStatusCode)
            {
                throw await client.FailureAsync(response, cancellationToken);
            }
            Console.Out.WriteLine($"deleted {photoId}");
            return ExitCodes.Success;
        });
        return command;
    }
}
