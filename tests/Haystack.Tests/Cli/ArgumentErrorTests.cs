using Haystack.Testing;
using Haystack.Tests.Support;

namespace Haystack.Tests.Cli;

/// <summary>Wrong arguments and servers that are not there: one clear line on stderr and a distinct exit code, no stack trace.</summary>
public sealed class ArgumentErrorTests
{
    private const string Nowhere = "http://127.0.0.1:1";

    [Theory]
    [InlineData("get", "3,abc", "must be 1 to 16 hex digits of key")]
    [InlineData("delete", "nonsense", "has no comma")]
    [InlineData("locate", "x,1a2b3c4d5e6f", "is not a decimal number")]
    public async Task A_malformed_photo_id_is_a_usage_error_that_explains_the_format(string verb, string id, string explanation)
    {
        var result = await HaystackCli.RunAsync(verb, id, "--directory", Nowhere);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(explanation, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [InlineData("get", "3,1a2b3c4d5e6f", "--cache", "cache")]
    [InlineData("delete", "3,1a2b3c4d5e6f", "--directory", "directory")]
    [InlineData("volumes", null, "--directory", "directory")]
    [InlineData("locate", "3,1a2b3c4d5e6f", "--directory", "directory")]
    [InlineData("stats", null, "--url", "server")]
    public async Task An_unreachable_server_is_named_with_its_url_and_exit_code_3(string verb, string? id, string option, string role)
    {
        string[] arguments = id is null ? [verb, option, Nowhere] : [verb, id, option, Nowhere];

        var result = await HaystackCli.RunAsync(arguments);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"cannot reach the {role} at {Nowhere}/", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Upload_of_a_path_that_does_not_exist_sends_nothing()
    {
        var result = await HaystackCli.RunAsync("upload", "/nonexistent/photo.jpg", "--directory", Nowhere);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/nonexistent/photo.jpg is neither a file nor a folder; nothing was uploaded", result.Error);
    }

    [Fact]
    public async Task Upload_to_an_unreachable_directory_stops_at_once_with_exit_code_3()
    {
        using var folder = new TemporaryDirectory();
        for (var i = 0; i < 20; i++)
        {
            await File.WriteAllTextAsync(folder.Combine($"{i}.jpg"), "not really a jpeg");
        }

        var result = await HaystackCli.RunAsync("upload", folder.Path, "--directory", Nowhere, "--concurrency", "4");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot reach the directory", result.Error);
    }

    [Theory]
    [InlineData("--concurrency", "0", "--concurrency must be between 1 and 256")]
    [InlineData("--directory", "ftp://example", "is not a usable directory URL")]
    public async Task Upload_rejects_unusable_options(string option, string value, string message)
    {
        var result = await HaystackCli.RunAsync("upload", "/etc/hostname", option, value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Dev_refuses_more_replicas_than_stores_before_starting_anything()
    {
        using var data = new TemporaryDirectory();

        var result = await HaystackCli.RunAsync("dev", "--data", data.Path, "--stores", "2", "--replication", "3");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--replication must be between 1 and --stores (2)", result.Error);
        Assert.Empty(System.IO.Directory.EnumerateFileSystemEntries(data.Path));
    }
}
