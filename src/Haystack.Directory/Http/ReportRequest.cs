namespace Haystack.Directory.Http;

/// <summary>The body of <c>POST /dir/report</c>: <c>{"id": "&lt;photo id&gt;", "store": "&lt;store url&gt;", "problem": "corrupt|unreachable"}</c>.</summary>
public sealed record ReportRequest(string? Id, string? Store, string? Problem);
