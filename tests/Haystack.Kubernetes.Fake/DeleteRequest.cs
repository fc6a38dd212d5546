using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Haystack.Kubernetes.Fake;

/// <summary>
/// What a DELETE asks for, read as the API server does: a DeleteOptions body (what KubernetesClient and kubectl
/// send) takes precedence over the query parameters; <c>orphanDependents</c> is the deprecated spelling of Orphan.
/// </summary>
internal sealed record DeleteRequest(string? PropagationPolicy, DeletePreconditions Preconditions)
{
    public static async Task<DeleteRequest> ReadAsync(HttpRequest request)
    {
        var query = request.Query;
        var policy = query["propagationPolicy"].FirstOrDefault() ?? Orphan(query["orphanDependents"].FirstOrDefault());
        var body = await ReadBodyAsync(request);
        if (body is null)
        {
            return new DeleteRequest(policy, DeletePreconditions.None);
        }

        if (body["kind"]?.GetValue<string>() is { } kind && kind != "DeleteOptions")
        {
            throw ApiError.BadRequest($"the body of a DELETE must be DeleteOptions, not {kind}");
        }

        policy = body["propagationPolicy"]?.GetValue<string>() ?? Orphan(body["orphanDependents"]?.ToJsonString()) ?? policy;
        var preconditions = body["preconditions"] is JsonObject given
            ? new DeletePreconditions(given["uid"]?.GetValue<string>(), given["resourceVersion"]?.GetValue<string>())
            : DeletePreconditions.None;
        return new DeleteRequest(policy, preconditions);
    }

    private static string? Orphan(string? orphanDependents) => orphanDependents switch
    {
        "true" => "Orphan",
        "false" => "Background",
        _ => null,
    };

    private static async Task<JsonObject?> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return JsonNode.Parse(text) as JsonObject ?? throw ApiError.BadRequest("the body of a DELETE must be a DeleteOptions object");
    }
}
