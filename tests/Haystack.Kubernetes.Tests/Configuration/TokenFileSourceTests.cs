using Haystack.Kubernetes.Configuration;

namespace Haystack.Kubernetes.Tests.Configuration;

public sealed class TokenFileSourceTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    [Fact]
    public void A_rotated_token_is_picked_up_after_the_refresh_interval()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var source = new TokenFileSource(_path, clock);
        File.WriteAllText(_path, "first\n");
        Assert.Equal("first", source.Current());

        File.WriteAllText(_path, "second");
        clock.Advance(TimeSpan.FromSeconds(59));
        var beforeRefresh = source.Current();
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("first", beforeRefresh);
        Assert.Equal("second", source.Current());
    }

    [Fact]
    public void An_unreadable_token_file_is_named_in_the_error()
    {
        var missing = _path + ".missing";
        var source = new TokenFileSource(missing, TimeProvider.System);

        var error = Assert.Throws<KubeconfigException>(source.Current);

        Assert.Contains(missing, error.Message);
    }

    public void Dispose() => File.Delete(_path);
}
