using System.CommandLine;
using Haystack.Operator.Crds;

namespace Haystack.Commands;

/// <summary><c>haystack operator crds</c>: writes the CustomResourceDefinitions generated from the C# entity classes.</summary>
public static class CrdCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo?>("--output", "-o")
        {
            Description = "Directory to write group_plural.yaml files into; without it the CRDs go to standard output",
        };
        var command = new Command("crds", "Print or write the HaystackCluster and Volume CustomResourceDefinitions");
        command.Options.Add(output);
        command.SetAction(parseResult =>
        {
            if (parseResult.GetValue(output) is { } directory)
            {
                foreach (var path in HaystackCrds.WriteAll(directory.FullName))
                {
                    Console.Error.WriteLine($"wrote {path}");
                }
            }
            else
            {
                Console.Out.Write(string.Join("---\n", HaystackCrds.Render().Values));
            }
            return 0;
        });
        return command;
    }
}
