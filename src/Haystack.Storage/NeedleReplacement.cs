namespace Haystack.Storage;

/// <summary>What a write may do to a live needle with the same id.</summary>
public enum NeedleReplacement
{
    /// <summary>The later write wins whatever its cookie (the engine's tools, replica copies, tests).</summary>
    Any,
    /// <summary>
    /// Only a write with the needle's own cookie replaces it; another cookie gets <see cref="NeedleCookieMismatchException"/>
    /// and nothing is appended. What the Store serves to clients, so a guessed key cannot take over a photo.
    /// </summary>
    SameCookie,
}
