namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 Probe: one of the handlers plus its timing.</summary>
public sealed class V1Probe
{
    public V1HTTPGetAction? HttpGet { get; set; }
    public V1TCPSocketAction? TcpSocket { get; set; }
    public V1GRPCAction? Grpc { get; set; }
    public V1ExecAction? Exec { get; set; }
    public int? InitialDelaySeconds { get; set; }
    public int? PeriodSeconds { get; set; }
    public int? TimeoutSeconds { get; set; }
    public int? SuccessThreshold { get; set; }
    public int? FailureThreshold { get; set; }
    public long? TerminationGracePeriodSeconds { get; set; }
}

/// <summary>core/v1 HTTPGetAction.</summary>
public sealed class V1HTTPGetAction
{
    public required IntstrIntOrString Port { get; set; }
    public string? Path { get; set; }
    public string? Host { get; set; }
    public string? Scheme { get; set; }
}

/// <summary>core/v1 TCPSocketAction.</summary>
public sealed class V1TCPSocketAction
{
    public required IntstrIntOrString Port { get; set; }
    public string? Host { get; set; }
}

/// <summary>core/v1 GRPCAction: the standard gRPC health check.</summary>
public sealed class V1GRPCAction
{
    public int Port { get; set; }
    public string? Service { get; set; }
}

/// <summary>core/v1 ExecAction.</summary>
public sealed class V1ExecAction
{
    public IList<string>? Command { get; set; }
}
