using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("When and which volumes are compacted.")]
public sealed class CompactionSpec
{
    [Pattern(KubernetesPatterns.CronSchedule)]
    [Default("0 3 * * *")]
    [Description("Cron schedule of the compaction job (five fields, in the controller manager's time zone).")]
    public string Schedule { get; set; } = "0 3 * * *";

    [Range(0.05, 0.95)]
    [Default(0.3)]
    [Description("Fraction of a volume's bytes that must be garbage (deleted or overwritten photos) before it is compacted.")]
    public double GarbageThreshold { get; set; } = 0.3;
}
