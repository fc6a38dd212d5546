using Haystack.Testing;

namespace Haystack.Directory.Tests.Support;

/// <summary>Several test stores started together and disposed together.</summary>
internal sealed class StoreGroup(TestStore[] all) : IAsyncDisposable
{
    public TestStore[] All => all;

    public TestStore this[int index] => all[index];

    /// <summary>Starts <paramref name="count"/> stores holding no volume unless told, with small volumes that are not preallocated.</summary>
    public static async Task<StoreGroup> StartAsync(int count, Func<int, uint[]>? volumes = null, long volumeSizeLimitBytes = 16L * 1024 * 1024) =>
        new(await Task.WhenAll(Enumerable.Range(0, count).Select(i => TestStore.StartAsync(
            volumes?.Invoke(i) ?? [],
            configure: options => options with { Volume = options.Volume with { SizeLimitBytes = volumeSizeLimitBytes, PreallocationStepBytes = 0 } }))));

    public async ValueTask DisposeAsync()
    {
        foreach (var store in all)
        {
            await store.DisposeAsync();
        }
    }
}
