namespace Haystack.Tests.Support;

/// <summary>Hostile clients holding uploads open (<see cref="StalledUploads"/> over HTTP/1.1, <see cref="StalledGrpcUploads"/> over gRPC), until disposed.</summary>
public interface IStalledClients : IDisposable
{
    /// <summary>Clients the server has refused, answered or hung up on so far; an upload it still holds is none of these.</summary>
    int Refused();
}
