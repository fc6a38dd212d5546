using Haystack.Testing;

namespace Haystack.Store.Tests.Support;

/// <summary>
/// Two fresh stores for every rebuild test: a source holding volume 1 and a target holding volume 5, so a copy of
/// volume 1 lands on a store that has never held it.
/// </summary>
public abstract class TwoStoreTest : IAsyncLifetime
{
    protected TestStore Source { get; private set; } = null!;

    protected TestStore Target { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Source = await TestStore.StartAsync(volumes: [1]);
        Target = await TestStore.StartAsync(volumes: [5]);
    }

    public async Task DisposeAsync()
    {
        await Source.DisposeAsync();
        await Target.DisposeAsync();
    }

    /// <summary>Volume 1 on the source with <paramref name="photo"/> live at <c>1,1deadbeef</c> and <c>1,2deadbeef</c> deleted.</summary>
    protected async Task WriteLiveAndDeletedPhotoAsync(byte[] photo)
    {
        await Source.Http.PutAsync("/1,1deadbeef", new ByteArrayContent(photo));
        await Source.Http.PutAsync("/1,2deadbeef", new ByteArrayContent([2]));
        await Source.Http.DeleteAsync("/1,2deadbeef");
    }

    /// <summary>Volume 1 as the source streams it to a peer.</summary>
    protected Task<byte[]> StreamFromSourceAsync() => Source.Http.GetByteArrayAsync("/volumes/1/stream");
}
