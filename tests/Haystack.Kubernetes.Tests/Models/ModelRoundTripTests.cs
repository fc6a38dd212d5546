using System.Text.Json;
using System.Text.Json.Nodes;
using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes.Tests.Models;

/// <summary>
/// Each sample is written by hand from the Kubernetes API reference. Reading it into the typed model and
/// writing it back must give the same JSON: a misspelt or missing property would drop the field.
/// </summary>
public sealed class ModelRoundTripTests
{
    public static TheoryData<string, Type> Samples => new()
    {
        { "statefulset.json", typeof(V1StatefulSet) },
        { "statefulsetlist.json", typeof(V1StatefulSetList) },
        { "deployment.json", typeof(V1Deployment) },
        { "service.json", typeof(V1Service) },
        { "configmap.json", typeof(V1ConfigMap) },
        { "secret.json", typeof(V1Secret) },
        { "poddisruptionbudget.json", typeof(V1PodDisruptionBudget) },
        { "cronjob.json", typeof(V1CronJob) },
        { "job.json", typeof(V1Job) },
        { "pod.json", typeof(V1Pod) },
        { "persistentvolumeclaim.json", typeof(V1PersistentVolumeClaim) },
        { "node.json", typeof(V1Node) },
        { "event.json", typeof(Corev1Event) },
        { "lease.json", typeof(V1Lease) },
        { "serviceaccount.json", typeof(V1ServiceAccount) },
        { "role.json", typeof(V1Role) },
        { "rolebinding.json", typeof(V1RoleBinding) },
        { "status.json", typeof(V1Status) },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_survives_a_round_trip_through_the_typed_model(string file, Type type)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", file));
        var typed = JsonSerializer.Deserialize(text, type, KubernetesJson.Options)!;

        var written = JsonNode.Parse(KubernetesJson.Serialize(typed, type))!;

        // The API server writes some absent optionals as null; we omit them.
        var expected = WithoutNulls(JsonNode.Parse(text)!);
        Assert.True(JsonNode.DeepEquals(expected, written), $"{file} changed in the round trip:\n{written.ToJsonString()}");
    }

    [Fact]
    public void Int_or_string_keeps_numbers_as_numbers_and_names_as_strings()
    {
        var port = new V1ServicePort { Port = 80, TargetPort = 8080 };
        var named = new V1ServicePort { Port = 80, TargetPort = "http" };

        Assert.Contains("\"targetPort\":8080", KubernetesJson.Serialize(port));
        Assert.Contains("\"targetPort\":\"http\"", KubernetesJson.Serialize(named));
    }

    [Fact]
    public void Times_are_written_in_utc_with_whole_seconds_and_lease_times_with_microseconds()
    {
        var instant = new DateTime(2024, 5, 1, 10, 0, 12, 345, DateTimeKind.Utc).AddTicks(6789);
        var meta = new V1ObjectMeta { CreationTimestamp = instant };
        var lease = new V1LeaseSpec { RenewTime = instant };

        Assert.Contains("\"creationTimestamp\":\"2024-05-01T10:00:12Z\"", KubernetesJson.Serialize(meta));
        Assert.Contains("\"renewTime\":\"2024-05-01T10:00:12.345678Z\"", KubernetesJson.Serialize(lease));
    }

    [Fact]
    public void Times_with_offsets_are_read_as_utc()
    {
        var meta = KubernetesJson.Deserialize<V1ObjectMeta>("""{"creationTimestamp":"2024-05-01T12:00:00+02:00"}""");

        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc), meta.CreationTimestamp);
        Assert.Equal(DateTimeKind.Utc, meta.CreationTimestamp!.Value.Kind);
    }

    [Fact]
    public void New_objects_carry_their_api_version_and_kind()
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(new V1PodDisruptionBudget { Metadata = new() { Name = "p" } }))!;

        Assert.Equal("policy/v1", (string?)json["apiVersion"]);
        Assert.Equal("PodDisruptionBudget", (string?)json["kind"]);
    }

    private static JsonNode WithoutNulls(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                if (value is null)
                {
                    obj.Remove(key);
                }
                else
                {
                    WithoutNulls(value);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is not null)
                {
                    WithoutNulls(item);
                }
            }
        }

        return node;
    }
}
