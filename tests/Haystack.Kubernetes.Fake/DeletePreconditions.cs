using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>DeleteOptions.preconditions: the delete happens only while the object still has this uid and resourceVersion.</summary>
internal sealed record DeletePreconditions(string? Uid, string? ResourceVersion)
{
    public static DeletePreconditions None { get; } = new(null, null);

    public void Check(StoredResource resource, string name, JsonObject current)
    {
        var meta = current["metadata"]!;
        var uid = meta["uid"]!.GetValue<string>();
        var version = meta["resourceVersion"]!.GetValue<string>();
        if (Uid is not null && Uid != uid)
        {
            throw Failed(resource, name, $"Precondition failed: UID in precondition: {Uid}, UID in object meta: {uid}");
        }

        if (ResourceVersion is not null && ResourceVersion != version)
        {
            throw Failed(resource, name, $"Precondition failed: ResourceVersion in precondition: {ResourceVersion}, ResourceVersion in object meta: {version}");
        }
    }

    private static ApiError Failed(StoredResource resource, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": {why}", resource.Details(name));
}
