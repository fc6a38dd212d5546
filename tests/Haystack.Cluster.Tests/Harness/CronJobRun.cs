using k8s;
using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// One run of a CronJob, as the Job it would create runs it: the job template's container with its rendered args and
/// environment, as a process on 127.0.0.1, to completion. No Job or Pod object is written (the schedule is not
/// followed: the test decides when it runs).
/// </summary>
internal static class CronJobRun
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<(int ExitCode, string Output)> RunAsync(ClusterHarness cluster, string cronJob)
    {
        var job = await cluster.Client.BatchV1.ReadNamespacedCronJobAsync(cronJob, ClusterHarness.Namespace);
        var template = job.Spec.JobTemplate.Spec.Template;
        var pod = WorkloadPods.FromTemplate(job, template, $"{cronJob}-manual-{Guid.NewGuid().ToString("N")[..5]}", new Dictionary<string, string>());
        pod.Spec.NodeName = (await cluster.Client.CoreV1.ListNodeAsync()).Items[0].Metadata.Name;
        var (args, environment) = await ContainerCommand.ResolveAsync(cluster.Client, pod, pod.Spec.Containers[0],
            new Dictionary<int, int>(), new Dictionary<string, string>(), cluster.Machine, CancellationToken.None);
        await using var process = ContainerProcess.Start(args, environment);
        if (await Task.WhenAny(process.Exited, Task.Delay(Limit)) != process.Exited)
        {
            Assert.Fail($"{cronJob} did not finish within {Limit}:\n{process.Output}");
        }
        return (process.ExitCode, process.Output);
    }
}
