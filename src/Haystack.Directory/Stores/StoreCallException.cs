using System.Net;
using Haystack.Protocol;

namespace Haystack.Directory.Stores;

/// <summary>A store call that did not succeed: the store refused it (<see cref="Status"/>) or could not be reached.</summary>
public sealed class StoreCallException(Uri store, HttpStatusCode? status, string message, Exception? inner = null, string? code = null)
    : Exception(message, inner)
{
    public Uri Store { get; } = store;

    /// <summary>The store's answer; null when it was unreachable or timed out.</summary>
    public HttpStatusCode? Status { get; } = status;

    /// <summary>The <c>"code"</c> of the store's error body, when it gave one.</summary>
    public string? Code { get; } = code;

    /// <summary>The photo key is live on the store under another cookie: the volume is fine, the key is taken.</summary>
    public bool KeyTaken => Status is HttpStatusCode.Conflict && Code == ErrorBody.CookieMismatch;

    /// <summary>The store said the volume is read-only (409) or full (507): it will not take writes again.</summary>
    public bool VolumeRefusesWrites => Status is (HttpStatusCode.Conflict or HttpStatusCode.InsufficientStorage) && !KeyTaken;

    /// <summary>The request itself was wrong (400, 411, 413): another volume would refuse it too.</summary>
    public bool IsClientError => Status is HttpStatusCode.BadRequest or HttpStatusCode.LengthRequired or HttpStatusCode.RequestEntityTooLarge;
}
