namespace Haystack.Cache.Tests.Support;

/// <summary>One <c>POST /dir/report</c> the fake Directory received.</summary>
internal sealed record Report(string Id, string Store, string Problem);
