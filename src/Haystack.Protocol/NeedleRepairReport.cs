namespace Haystack.Protocol;

/// <summary>
/// The answer of a store's <c>PUT /volumes/{id}/needles/{key}/{alternateKey}</c>: what it did with the healthy copy
/// (<c>rewritten</c> in place, <c>appended</c>, <c>already_intact</c>, or <c>deleted</c> here so nothing was written).
/// </summary>
public sealed record NeedleRepairReport(uint VolumeId, ulong Key, uint AlternateKey, string Outcome);
