using System.CommandLine;
using Haystack.Operator.Crds;
using Haystack.Operator.Reconciliation;

namespace Haystack.Commands;

/// <summary><c>haystack operator render -f cluster.yaml</c>: prints every object the operator would create, without a cluster.</summary>
public static class OperatorRenderCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--file", "-f")
        {
            Description = "A YAML file holding one HaystackCluster (other documents are ignored); - reads standard input",
            Required = true,
        };
        var command = new Command("render", "Print the objects the operator would apply for a HaystackCluster, as multi-document YAML");
        command.Options.Add(file);
        command.SetAction(parseResult =>
        {
            var input = parseResult.GetRequiredValue(file);
            try
            {
                var yaml = input.Name == "-" ? Console.In.ReadToEnd() : File.ReadAllText(input.FullName);
                var cluster = ClusterManifest.Read(yaml, input.Name == "-" ? "standard input" : input.FullName);
                Console.Out.Write(ClusterRendering.Render(cluster));
                return 0;
            }
            catch (Exception e) when (e is InvalidResourceException or IOException)
            {
                Console.Error.WriteLine($"haystack operator render: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
