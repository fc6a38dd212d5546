namespace Haystack.Tests.Support;

/// <summary>A photo the directory acknowledged: its id, its cache URL, and the bytes that were sent.</summary>
public sealed record StoredPhoto(string Id, string Url, byte[] Data);
