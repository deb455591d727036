using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmpAcademy.Host.Tests.Auth;

/// <summary>
/// A browser's hub socket carries its bearer token in the URL (WebSockets take no header): whatever the host logs,
/// at any level it lets through, that URL's token is not in it.
/// </summary>
public class TokenLoggingTests : HostFixture
{
    private readonly Captured _logs = new();

    protected override bool OnKestrel => true;

    protected override ILoggerProvider? Logs => _logs;

    [Test]
    public async Task A_token_in_a_hub_URL_never_reaches_the_log()
    {
        var token = await TokenAsync("ada", "trainee");
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using (await http.GetAsync($"/hubs/trainee?id=none&access_token={token}"))
        {
        }

        using (await http.GetAsync($"/api/me?access_token={token}"))
        {
        }

        await using var hand = Live.Watcher.Connect(BaseAddress, "/hubs/trainee", token);
        await hand.StartAsync();
        await hand.StopAsync();

        Assert.That(_logs.Lines, Is.Not.Empty, "the host logged something: the check below is not of an empty log");
        Assert.That(_logs.Lines.Where(l => l.Contains(token[^20..], StringComparison.Ordinal)), Is.Empty);
    }

    private sealed class Captured : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
