namespace Haystack.Client.Tests.Support;

/// <summary>One request a <see cref="StubServer"/> received, and when (since the stub started).</summary>
public sealed record StubRequest(string Method, string PathAndQuery, string? ContentType, byte[] Body, TimeSpan At);
