namespace Haystack.Storage.Format;

/// <summary>The flags byte of a needle header; any other bit set means the header is damaged.</summary>
[Flags]
internal enum NeedleFlags : byte
{
    None = 0,
    Deleted = 1,
}
