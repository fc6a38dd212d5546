namespace Haystack.Operator.Reconciliation;

/// <summary>How many pods of one component are ready out of how many are wanted.</summary>
public sealed record ComponentReadiness(string Component, int Ready, int Desired)
{
    public bool IsReady => Ready >= Desired;

    public override string ToString() => $"{Component} {Ready}/{Desired}";
}
