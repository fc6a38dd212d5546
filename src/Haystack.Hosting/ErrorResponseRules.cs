namespace Haystack.Hosting;

/// <summary>What one server's <see cref="ErrorResponses"/> say that the others' do not.</summary>
/// <param name="ServerName">Named in the 500 message: "failed inside the store; see its log."</param>
public sealed record ErrorResponseRules(string ServerName)
{
    /// <summary>The status for the server's own exception (its message is the body), or null for any other exception.</summary>
    public Func<Exception, int?> StatusOf { get; init; } = _ => null;

    /// <summary>The <c>"code"</c> of the error body for the server's own exception, or null (most errors have none).</summary>
    public Func<Exception, string?> CodeOf { get; init; } = _ => null;

    /// <summary>Appended to the message for a malformed or cut request, e.g. " Nothing was stored."</summary>
    public string BadRequestNote { get; init; } = "";

    /// <summary>Called for each request turned away as the client's fault: a 4xx from <see cref="StatusOf"/> or a bad request.</summary>
    public Action? Rejected { get; init; }
}
