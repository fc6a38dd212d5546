using System.Text;

namespace Haystack.Kubernetes;

/// <summary>Builds "?a=1&amp;b=2", skipping parameters that are not set.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new();

    public QueryString Add(string name, string? value)
    {
        if (value is not null)
        {
            _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public override string ToString() => _text.ToString();

    public static implicit operator string(QueryString query) => query.ToString();
}
