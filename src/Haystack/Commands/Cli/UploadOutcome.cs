using Haystack.Client;

namespace Haystack.Commands.Cli;

/// <summary>What happened to one file of an upload: the directory's answer, or why it failed.</summary>
public sealed record UploadOutcome(FileInfo File, UploadedPhoto? Stored, string? Failure);
