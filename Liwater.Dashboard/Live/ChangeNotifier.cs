using System.Threading.Channels;
using Liwater.Data.Changes;

namespace Liwater.Dashboard.Live;

/// <summary>
/// The <see cref="IChangeSignal"/> the database raises after each commit. It only wakes the <see cref="ChangeFeed"/>:
/// a burst of commits collapses into one wake-up, and the feed then reads every new row of the change log by id.
/// </summary>
/// <remarks>Kept apart from the feed because the feed reads through <see cref="Liwater.Data.Database.Db"/>, which
/// itself needs the signal: one object for both would be a dependency cycle.</remarks>
public sealed class ChangeNotifier : IChangeSignal
{
    private readonly Channel<bool> wakeUps = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Committed() => wakeUps.Writer.TryWrite(true);

    /// <summary>Waits until a commit was signalled or <paramref name="timeout"/> passed.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await wakeUps.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a commit: the feed reads anyway.
        }
    }
}
