using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>A request the fake refuses, carried to the HTTP layer and written as a metav1 Status body.</summary>
internal sealed class ApiError(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public static ApiError NotFound(StoredResource resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedName} \"{name}\" not found", resource.Details(name));

    public static ApiError AlreadyExists(StoredResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedName} \"{name}\" already exists", resource.Details(name));

    public static ApiError Conflict(StoredResource resource, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {resource.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            resource.Details(name));

    public static ApiError Invalid(StoredResource resource, string name, string field, string message)
    {
        var details = resource.Details(name);
        details["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = message, ["field"] = field });
        return new(422, "Invalid", $"{resource.Kind.Kind} \"{name}\" is invalid: {field}: {message}", details);
    }

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);

    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
            ["code"] = Code,
        };
        if (Details is not null)
        {
            status["details"] = Details.DeepClone();
        }

        return status;
    }
}
