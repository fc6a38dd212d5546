using Haystack.Operator.Status;
using Haystack.Operator.Tests.Support;
using k8s.Models;

namespace Haystack.Operator.Tests.Status;

/// <summary>What the conditions say of one pod, from the statuses the kubelet and scheduler write.</summary>
public sealed class PodStateTests
{
    [Fact]
    public void Ready_pod_has_nothing_to_say() => Assert.Null(PodState.Describe(Pod(ClusterPods.Ready())));

    [Fact]
    public void Pod_without_status_is_pending() => Assert.Equal("photos-store-0: Pending", PodState.Describe(Pod(null)));

    [Fact]
    public void Terminating_pod_is_not_ready_even_while_its_containers_are()
    {
        var pod = Pod(ClusterPods.Ready());
        pod.Metadata.DeletionTimestamp = DateTime.UtcNow;

        Assert.False(PodState.IsReady(pod));
        Assert.Equal("photos-store-0: Terminating", PodState.Describe(pod));
    }

    [Fact]
    public void A_waiting_init_container_is_the_reason()
    {
        var pod = Pod(new V1PodStatus
        {
            Phase = "Pending",
            Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "True" }],
            InitContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = "format", Image = "haystack", ImageID = "", Ready = false, RestartCount = 0,
                    State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ImagePullBackOff", Message = "Back-off pulling image \"haystack:9\"" } },
                },
            ],
        });

        Assert.Equal("photos-store-0: ImagePullBackOff (Back-off pulling image \"haystack:9\")", PodState.Describe(pod));
    }

    [Fact]
    public void A_container_that_exited_with_an_error_shows_its_exit_code_and_reason()
    {
        var pod = Pod(new V1PodStatus
        {
            Phase = "Running",
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = "haystack", Image = "haystack", ImageID = "", Ready = false, RestartCount = 1,
                    State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 137, Reason = "OOMKilled" } },
                },
            ],
        });

        Assert.Equal("photos-store-0: Terminated 137 (OOMKilled)", PodState.Describe(pod));
    }

    [Fact]
    public void Failed_pod_shows_the_kubelets_reason()
    {
        var pod = Pod(new V1PodStatus { Phase = "Failed", Reason = "Evicted", Message = "The node was low on resource: ephemeral-storage." });

        Assert.Equal("photos-store-0: Failed (Evicted: The node was low on resource: ephemeral-storage.)", PodState.Describe(pod));
    }

    [Fact]
    public void A_long_scheduler_message_is_cut_short()
    {
        var message = "0/300 nodes are available: " + string.Join(", ", Enumerable.Range(0, 100).Select(i => $"node-{i} had untolerated taint"));

        var described = PodState.Describe(Pod(ClusterPods.Unschedulable(message)))!;

        Assert.StartsWith("photos-store-0: Pending (Unschedulable: 0/300 nodes are available: node-0", described);
        Assert.EndsWith("...)", described);
        Assert.True(described.Length < 200, described);
    }

    [Fact]
    public void Bounded_list_names_the_first_few_and_counts_the_rest()
    {
        var pods = Enumerable.Range(0, 12).Select(i => $"photos-store-{i}: CrashLoopBackOff").ToList();

        Assert.Equal("photos-store-0: CrashLoopBackOff, photos-store-1: CrashLoopBackOff, photos-store-2: CrashLoopBackOff, "
            + "photos-store-3: CrashLoopBackOff, photos-store-4: CrashLoopBackOff and 7 more", BoundedList.Join(pods));
        Assert.Equal("a, b", BoundedList.Join(["a", "b"]));
    }

    private static V1Pod Pod(V1PodStatus? status) => new()
    {
        Metadata = new V1ObjectMeta { Name = "photos-store-0", NamespaceProperty = "haystack" },
        Status = status,
    };
}
