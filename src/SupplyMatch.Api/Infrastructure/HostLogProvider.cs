using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace SupplyMatch.Api.Infrastructure;

/// <summary>
/// Hangfire's log provider is process-wide: every host that configures Hangfire replaces it with one bound to its
/// own <see cref="ILoggerFactory"/>. When that host stops first, its disposed factory would throw inside the other
/// hosts' Hangfire workers and stop their processing. This provider logs through the factory while it lives and
/// drops messages once it is disposed.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new SafeLog(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new SafeLog(null);
        }
    }

    private sealed class SafeLog(ILog? inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner?.Log(logLevel, messageFunc, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
