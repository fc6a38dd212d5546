using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Haystack.Kubernetes.Fake;

/// <summary>One open watch: its filter and the queue of JSON lines the HTTP response drains.</summary>
internal sealed class WatchSubscription(StoredResource resource, string? ns, LabelSelector labels, FieldSelector fields, bool bookmarks)
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public StoredResource Resource { get; } = resource;

    public bool WantsBookmarks { get; } = bookmarks;

    public ChannelReader<string> Lines => _lines.Reader;

    public bool Matches(JsonObject item) =>
        (ns is null || (item["metadata"]?["namespace"]?.GetValue<string>() ?? "") == ns) && labels.Matches(item) && fields.Matches(item);

    public void Offer(ChangeRecord change)
    {
        if (change.Resource != Resource)
        {
            return;
        }

        var now = Matches(change.Object);
        var before = change.Previous is not null && Matches(change.Previous);
        var type = change.Type switch
        {
            "MODIFIED" when now && !before => "ADDED",
            "MODIFIED" when !now && before => "DELETED",
            "MODIFIED" when now => "MODIFIED",
            "ADDED" or "DELETED" when now => change.Type,
            _ => null,
        };
        if (type is not null)
        {
            Send(type, change.Object);
        }
    }

    public void Send(string type, JsonObject item) =>
        _lines.Writer.TryWrite(new JsonObject { ["type"] = type, ["object"] = item.DeepClone() }.ToJsonString());

    public void Complete() => _lines.Writer.TryComplete();
}
