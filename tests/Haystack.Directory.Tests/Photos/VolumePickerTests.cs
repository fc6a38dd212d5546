using Haystack.Directory.Photos;
using Haystack.Directory.Volumes;
using Microsoft.Extensions.Time.Testing;

namespace Haystack.Directory.Tests.Photos;

public sealed class VolumePickerTests
{
    [Fact]
    public void Writable_volumes_with_more_free_space_come_first_and_other_states_never()
    {
        LogicalVolume[] volumes =
        [
            Volume(1, free: 100), Volume(2, free: 500), Volume(3, free: 900, VolumeState.ReadOnly), Volume(4, free: 900, VolumeState.Degraded), Volume(5, free: 500),
        ];

        var order = VolumePicker.InPreferenceOrder(volumes, _ => 0);

        Assert.Equal([2u, 5u, 1u], order.Select(v => v.Id));
    }

    [Fact]
    public void Recent_load_spreads_consecutive_uploads_and_decays_back()
    {
        var time = new FakeTimeProvider();
        var load = new VolumeLoad(time);
        LogicalVolume[] volumes = [Volume(1, free: 1000), Volume(2, free: 900)];

        var picks = new List<uint>();
        for (var i = 0; i < 4; i++)
        {
            var first = VolumePicker.InPreferenceOrder(volumes, load.Of)[0];
            picks.Add(first.Id);
            load.Begin(first.Id).Dispose();
        }
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal([1u, 2u, 1u, 2u], picks);
        Assert.Equal(1u, VolumePicker.InPreferenceOrder(volumes, load.Of)[0].Id);
    }

    [Fact]
    public void An_upload_in_flight_counts_until_it_ends()
    {
        var time = new FakeTimeProvider();
        var load = new VolumeLoad(time);

        var upload = load.Begin(3);
        time.Advance(TimeSpan.FromHours(1));
        var during = load.Of(3);
        upload.Dispose();
        upload.Dispose();

        Assert.True(during >= 1);
        Assert.True(load.Of(3) < 0.01);
    }

    private static LogicalVolume Volume(uint id, long free, VolumeState state = VolumeState.Writable) =>
        new() { Id = id, State = state, Replicas = [new Uri("http://127.0.0.1:7101")], SizeLimitBytes = 10_000, SizeBytes = 10_000 - free };
}
