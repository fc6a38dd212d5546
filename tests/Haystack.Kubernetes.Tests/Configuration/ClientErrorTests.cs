using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Haystack.Kubernetes.Tests.Configuration;

/// <summary>What the client reports when the other end is not a well-behaved API server.</summary>
public sealed class ClientErrorTests
{
    [Fact]
    public async Task A_server_that_never_answers_is_a_timeout_naming_the_request()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptTcpClientAsync();
        using var client = new Kubernetes(new KubernetesClientConfiguration
        {
            Host = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}",
            HttpClientTimeout = TimeSpan.FromMilliseconds(300),
        });

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.ReadNamespacedPodAsync("store-0", "photos"));

        Assert.Contains("GET /api/v1/namespaces/photos/pods/store-0", error.Message);
        Assert.Contains("HttpClientTimeout", error.Message);
        (await accepted).Dispose();
    }

    [Fact]
    public async Task An_error_page_that_is_not_a_status_still_becomes_an_http_operation_exception()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = ServeOnceAsync(listener, "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: 22\r\nConnection: close\r\n\r\n<h1>bad gateway</h1>\r\n");
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}" });

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.ListNamespacedPodAsync("photos"));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal(502, error.Status.Code);
        Assert.Contains("bad gateway", error.Status.Message);
        await serving;
    }

    private static async Task ServeOnceAsync(TcpListener listener, string response)
    {
        using var connection = await listener.AcceptTcpClientAsync();
        var stream = connection.GetStream();
        var buffer = new byte[4096];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
    }
}
