using Haystack.Storage.Format;

namespace Haystack.Storage.Files;

/// <summary>A verified needle found by <see cref="NeedleScanner"/>; <see cref="Bytes"/> is the whole needle.</summary>
internal readonly record struct ScannedNeedle(long Offset, NeedleHeader Header, ReadOnlyMemory<byte> Bytes);
