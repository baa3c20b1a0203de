using Liwater.Data.Changes;

namespace Liwater.Dashboard.Live;

/// <summary>
/// What a subscriber sees of the change feed: where it stands and a filtered, coalesced subscription. Pages do not use
/// it directly; they follow it through <see cref="Components.Shared.LiveComponentBase"/>.
/// </summary>
public interface ILiveFeed
{
    /// <summary>Gets the id of the last change handed out (0 before the first read).</summary>
    long LastId { get; }

    /// <summary>Delivers matching changes (coalesced, never overlapping) until the returned handle is disposed.</summary>
    IDisposable Subscribe(LiveFilter filter, Func<IReadOnlyList<ChangeEntry>, Task> onChanges);
}

/// <summary>
/// A singleton that reads once per burst of changes for every open page and hands each listener the same immutable
/// value (decision 62). Pages follow it through <see cref="Components.Shared.LiveComponentBase"/>.
/// </summary>
public interface ISharedReader<T>
    where T : class
{
    /// <summary>Gets the latest value, or null before the first read.</summary>
    T? Current { get; }

    /// <summary>Calls <paramref name="onValue"/> with every new value until the handle is disposed.</summary>
    IDisposable Listen(Func<T, Task> onValue);
}
