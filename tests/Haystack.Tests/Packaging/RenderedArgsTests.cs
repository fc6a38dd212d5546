using System.CommandLine;
using System.Text.RegularExpressions;
using Haystack.Commands;
using Haystack.Testing;
using k8s.Models;
using Haystack.Operator.Crds;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;

namespace Haystack.Tests.Packaging;

/// <summary>
/// The operator starts the data pods with args it builds itself; a flag the verb does not know makes the pod
/// crash-loop. So every container the operator renders for the sample clusters is parsed by the binary's real
/// verbs, after the kubelet's <c>$(VAR)</c> expansion, and must parse without an error.
/// </summary>
public sealed partial class RenderedArgsTests
{
    public static TheoryData<string> Samples() => new("haystack_v1alpha1_haystackcluster.yaml", "haystack_v1alpha1_haystackcluster_minimal.yaml");

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_rendered_container_parses_with_the_real_verb(string sample)
    {
        var cluster = ReadSample(sample);
        var root = new RootCommand { StoreCommand.Create(), DirectoryCommand.Create(), CacheCommand.Create(), CompactCommand.Create() };

        var containers = RenderedContainers(cluster).ToList();

        Assert.Equal(["store", "directory", "cache", "compact"], containers.Select(c => c.Container.Args![0]));
        foreach (var (pod, container) in containers)
        {
            var args = container.Args!.Select(arg => Expand(arg, container, pod, cluster)).ToArray();

            var result = root.Parse(args);

            Assert.True(result.Errors.Count == 0,
                $"{sample}: the {container.Name} container's args do not parse with `haystack {args[0]}`:\n  "
                + string.Join("\n  ", result.Errors.Select(e => e.Message)) + $"\nargs: {string.Join(' ', args)}");
            Assert.Equal(args[0], result.CommandResult.Command.Name);
        }
    }

    /// <summary>Each haystack container of the rendered workloads, with the name its first pod gets.</summary>
    private static IEnumerable<(string Pod, V1Container Container)> RenderedContainers(V1Alpha1HaystackCluster cluster)
    {
        foreach (var child in ReconcileSteps.DesiredChildren(cluster))
        {
            var (pod, template) = child.Object switch
            {
                V1StatefulSet set => ($"{set.Metadata.Name}-0", set.Spec!.Template),
                V1Deployment deployment => ($"{deployment.Metadata.Name}-7d9f8c6b5-x2k4p", deployment.Spec!.Template),
                V1CronJob cronJob => ($"{cronJob.Metadata.Name}-29410980-q7w2n", cronJob.Spec!.JobTemplate.Spec!.Template),
                _ => (null, null),
            };
            if (template is null)
            {
                continue;
            }
            foreach (var container in template.Spec!.Containers.Where(c => c.Image == cluster.Spec.Image))
            {
                yield return (pod!, container);
            }
        }
    }

    /// <summary>
    /// The kubelet's expansion of <c>$(NAME)</c> from the container's env. An undefined name is a failure here:
    /// the kubelet would pass it on literally, and the verb would get "$(NAME)" as a value.
    /// </summary>
    private static string Expand(string arg, V1Container container, string pod, V1Alpha1HaystackCluster cluster) =>
        Reference().Replace(arg, match =>
        {
            var name = match.Groups["name"].Value;
            var variable = container.Env?.FirstOrDefault(e => e.Name == name)
                ?? throw new Xunit.Sdk.XunitException($"the {container.Name} container's arg '{arg}' refers to $({name}), which its env does not define");
            return variable.Value ?? variable.ValueFrom?.FieldRef?.FieldPath switch
            {
                "metadata.name" => pod,
                "metadata.namespace" => cluster.Metadata.NamespaceProperty!,
                var other => throw new Xunit.Sdk.XunitException($"$({name}) comes from {other ?? "a source"} this test cannot stand in for"),
            };
        });

    private static V1Alpha1HaystackCluster ReadSample(string sample)
    {
        var path = RepositoryRoot.Combine("config", "samples", sample);
        return ClusterManifest.Read(File.ReadAllText(path), sample);
    }

    [GeneratedRegex(@"\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
