using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// The kubelet of one pod: runs its container as a real process, restarts it when it exits (with a back-off, the
/// pod showing CrashLoopBackOff meanwhile), probes its readiness probe's path and writes what it sees to the Pod's
/// status. Times are compressed for tests: probes every 100 ms, back-off from 250 ms doubling to 4 s.
/// </summary>
internal sealed class PodKubelet : IAsyncDisposable
{
    private static readonly TimeSpan ProbePeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestBackOff = TimeSpan.FromSeconds(4);
    private readonly IKubernetes _client;
    private readonly PodLaunch _launch;
    private readonly CancellationTokenSource _stopping = new();
    // The kubelet does not verify an HTTPS probe's certificate, so neither does this one.
    private readonly HttpClient _probe = new(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };
    private readonly Task _loop;
    private ContainerProcess? _container;
    private string _lastOutput = "";

    private PodKubelet(IKubernetes client, PodLaunch launch)
    {
        _client = client;
        _launch = launch;
        _loop = Task.Run(RunAsync);
    }

    public V1Pod Pod => _launch.Pod;

    public string Name => _launch.Pod.Metadata.Name;

    public bool Ready { get; private set; }

    public int Restarts { get; private set; }

    /// <summary>The pod's HTTP port on 127.0.0.1 (its first container port).</summary>
    public int HttpPort => _launch.HttpPort;

    /// <summary>The 127.0.0.1 port behind a container port given by name or number.</summary>
    public int HostPortOf(string port) => _launch.HostPortOf(port);

    /// <summary>What the running container printed, or the last one's output while it waits to restart.</summary>
    public string Output => _container?.Output ?? _lastOutput;

    public static PodKubelet Start(IKubernetes client, PodLaunch launch) => new(client, launch);

    /// <summary>Kills the container (SIGKILL); the kubelet restarts it after its back-off, as after a crash.</summary>
    public Task KillContainerAsync() => _container?.KillAsync() ?? Task.CompletedTask;

    /// <summary>Hangs the container (SIGSTOP): it keeps running but answers nothing, so its readiness probe fails.</summary>
    public void SuspendContainer() => _container?.Suspend();

    /// <summary>Lets a suspended container go on (SIGCONT).</summary>
    public void ResumeContainer() => _container?.Resume();

    /// <summary>Stops the pod for good: SIGTERM, SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await _stopping.CancelAsync();
        if (_container is { } container)
        {
            await container.StopAsync(grace);
        }
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero);
        _probe.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var backOff = FirstBackOff;
        while (!_stopping.IsCancellationRequested)
        {
            var (args, environment) = await _launch.ResolveAsync(_client, _stopping.Token);
            var container = ContainerProcess.Start(args, environment);
            _container = container;
            var started = DateTime.UtcNow;
            await WriteStatusAsync(PodStatuses.Running(_launch.Pod, started, Restarts, ready: false));
            await ProbeUntilExitAsync(container, started);
            _lastOutput = container.Output;
            if (_stopping.IsCancellationRequested)
            {
                break;
            }
            Ready = false;
            Restarts++;
            await WriteStatusAsync(PodStatuses.BackingOff(_launch.Pod, Restarts, container.ExitCode, started));
            backOff = DateTime.UtcNow - started > TimeSpan.FromSeconds(10) ? FirstBackOff : backOff;
            await Task.Delay(backOff, CancellationToken.None);
            backOff = TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, LongestBackOff.Ticks));
        }
        Ready = false;
    }

    private async Task ProbeUntilExitAsync(ContainerProcess container, DateTime started)
    {
        while (!container.Exited.IsCompleted && !_stopping.IsCancellationRequested)
        {
            var ready = await ProbeAsync();
            if (ready != Ready && !container.Exited.IsCompleted)
            {
                Ready = ready;
                await WriteStatusAsync(PodStatuses.Running(_launch.Pod, started, Restarts, ready));
            }
            await Task.WhenAny(container.Exited, Task.Delay(ProbePeriod));
        }
        Ready = false;
    }

    private async Task<bool> ProbeAsync()
    {
        if (_launch.ReadinessUrl is not { } url)
        {
            return true;
        }
        try
        {
            using var response = await _probe.GetAsync(url, _stopping.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task WriteStatusAsync(V1PodStatus status)
    {
        try
        {
            var patch = new V1Patch(KubernetesJson.Serialize(new { status }), V1Patch.PatchType.MergePatch);
            await _client.CoreV1.PatchNamespacedPodStatusAsync(patch, Name, _launch.Pod.Metadata.NamespaceProperty);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // The Pod object is gone (deleted by a test or the operator); the runner stops this kubelet next.
        }
    }
}
