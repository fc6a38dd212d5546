namespace Haystack.Hosting;

/// <summary>Who may call an endpoint. An endpoint that declares nothing is <see cref="Write"/>: guarded by default.</summary>
public enum AccessLevel
{
    /// <summary>Anyone, whatever keys are configured: liveness and readiness probes.</summary>
    Anyone,
    /// <summary>Anyone while no read key is configured; with one, the read key or the write key.</summary>
    Read,
    /// <summary>The write key (current or previous) once one is configured: writes, deletes, administration.</summary>
    Write,
}
