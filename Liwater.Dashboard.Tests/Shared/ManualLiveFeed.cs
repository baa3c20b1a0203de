using Liwater.Dashboard.Live;
using Liwater.Data.Changes;

namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// A change feed a test drives by hand: <see cref="PublishAsync"/> hands changes to the matching subscribers at once,
/// from a thread pool thread running in the culture the test names (as the real feed's timer threads do).
/// </summary>
public sealed class ManualLiveFeed : ILiveFeed
{
    private readonly Lock gate = new();
    private readonly List<(LiveFilter Filter, Func<IReadOnlyList<ChangeEntry>, Task> OnChanges)> subscribers = [];

    public long LastId { get; set; }

    public int Subscribers
    {
        get
        {
            lock (gate)
            {
                return subscribers.Count;
            }
        }
    }

    public IDisposable Subscribe(LiveFilter filter, Func<IReadOnlyList<ChangeEntry>, Task> onChanges)
    {
        var entry = (filter, onChanges);
        lock (gate)
        {
            subscribers.Add(entry);
        }

        return new Unsubscriber(() =>
        {
            lock (gate)
            {
                subscribers.Remove(entry);
            }
        });
    }

    /// <summary>Delivers <paramref name="changes"/> on a thread pool thread whose culture is <paramref name="threadCulture"/>.</summary>
    public Task PublishAsync(IReadOnlyList<ChangeEntry> changes, string threadCulture = "en-US")
    {
        LastId = Math.Max(LastId, changes.Count == 0 ? LastId : changes.Max(c => c.Id));
        (LiveFilter Filter, Func<IReadOnlyList<ChangeEntry>, Task> OnChanges)[] targets;
        lock (gate)
        {
            targets = [.. subscribers];
        }

        return Task.Run(async () =>
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture =
                System.Globalization.CultureInfo.GetCultureInfo(threadCulture);
            foreach (var (filter, onChanges) in targets)
            {
                var matching = changes.Where(filter.Matches).ToList();
                if (matching.Count > 0)
                {
                    await onChanges(matching);
                }
            }
        });
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
