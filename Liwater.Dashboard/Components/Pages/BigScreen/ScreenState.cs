using Liwater.Dashboard.Live;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Meetings;
using Liwater.Data.Statistics;
using Liwater.Data.Territory;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Components.Pages.BigScreen;

/// <summary>
/// What every screen and live figure panel shows at one moment, read once for all of them. <see cref="Figures"/> and
/// <see cref="Compounds"/> carry the open-case counts of this read (<see cref="Data"/>); their slower parts (Party
/// grid, teams, stars, territory) are those of the last figures read.
/// </summary>
public sealed record ScreenSnapshot(
    LiveScreenData Data,
    GovernanceFigures Figures,
    IReadOnlyList<CompoundOverview> Compounds,
    MeetingScreenSummary? Meeting,
    GeoMap? Geo,
    GeoMapError? GeoError,
    DateTimeOffset ReadAt);

/// <summary>
/// The shared reader of the town's live figures: the wall (<c>/screen</c>), the overview (<c>/</c>) and the meeting's
/// figures panel all listen to it. One read per burst of changes serves every open page: with twenty screens on the
/// wall a commit costs one counter query, not twenty, and each circuit holds a reference to the shared snapshot instead
/// of its own copy. It reads only while a page listens, re-reads every <see cref="ScreenOptions.RefreshSeconds"/>
/// because deadlines pass without a commit, rolls over at the town's local midnight (<see cref="TownMidnight"/>), and
/// keeps the last snapshot when a read fails (the screens' "更新于" then stops moving, which shows its age).
/// </summary>
public sealed class ScreenState : ISharedReader<ScreenSnapshot>, IDisposable
{
    private readonly LiveCounterQueries counters;
    private readonly StatisticsQueries statistics;
    private readonly MeetingQueries meetings;
    private readonly TerritoryQueries territory;
    private readonly ScreenMapSource mapSource;
    private readonly IOptionsMonitor<ScreenOptions> options;
    private readonly TownClock clock;
    private readonly ILogger<ScreenState> logger;
    private readonly IDisposable feedSubscription;
    private readonly ITimer refreshTimer;
    private readonly TownMidnight midnight;
    private readonly SemaphoreSlim reading = new(1, 1);
    private readonly Lock gate = new();
    private Func<ScreenSnapshot, Task>[] listeners = [];
    private ScreenSnapshot? current;
    private int again;

    // The town figures (Party grid, rates, stars, territory) do not move with cases; re-read them only after a change
    // that can move them or on the periodic refresh (they cost more than all the counters together).
    private int figuresStale = 1;
    private int figuresReads;

    // Community figures for the meeting's drill-down, read on demand once per figures read and shared by every panel.
    private Dictionary<long, Task<GovernanceFigures>> communityFigures = [];

    public ScreenState(
        ILiveFeed feed, LiveCounterQueries counters, StatisticsQueries statistics, TerritoryQueries territory, MeetingQueries meetings,
        ScreenMapSource mapSource, IOptionsMonitor<ScreenOptions> options, TownClock clock, ILogger<ScreenState> logger)
    {
        this.counters = counters;
        this.statistics = statistics;
        this.territory = territory;
        this.meetings = meetings;
        this.mapSource = mapSource;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        // The wall's kinds, and councils for the overview's compound list (which compounds have one).
        feedSubscription = feed.Subscribe(new LiveFilter(new HashSet<string>([.. ScreenChanges.Kinds, ChangeKinds.CouncilChanged], StringComparer.Ordinal)), OnChangesAsync);
        var refresh = TimeSpan.FromSeconds(Math.Max(5, options.CurrentValue.RefreshSeconds));
        refreshTimer = clock.Clock.CreateTimer(_ => _ = OnTickAsync(), null, refresh, refresh);
        midnight = new TownMidnight(clock, () => _ = OnTickAsync());
    }

    /// <summary>
    /// Kinds that never move the slow figures: case changes (their open counts come with every read), the snapshot
    /// job's own entry (appended after every burst), volunteer hours (counters only), meetings and accounts.
    /// </summary>
    internal static readonly IReadOnlySet<string> KindsThatKeepFigures = new HashSet<string>(
        [.. ChangeKinds.CaseChanges, ChangeKinds.StatisticsUpdated, ChangeKinds.ActivityLogged, ChangeKinds.MeetingChanged, ChangeKinds.UserChanged],
        StringComparer.Ordinal);

    /// <summary>Gets how many reads have been made (for tests and the benchmark).</summary>
    public int Reads { get; private set; }

    /// <summary>Gets how many times the slow figures (town or a community) have been read (for tests and the benchmark).</summary>
    public int FiguresReads => Volatile.Read(ref figuresReads);

    /// <summary>Gets the number of screens listening.</summary>
    public int Listeners => Volatile.Read(ref listeners).Length;

    /// <summary>Gets the latest snapshot, or null before the first read (or after the last screen closed).</summary>
    public ScreenSnapshot? Current => Volatile.Read(ref current);

    /// <summary>The latest snapshot, read now if there is none yet.</summary>
    public async Task<ScreenSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref current) is { } snapshot)
        {
            return snapshot;
        }

        await ReadAsync(waitForRunningRead: true, cancellationToken);
        return Volatile.Read(ref current) ?? throw new InvalidOperationException("The screen figures could not be read.");
    }

    /// <summary>
    /// The governance figures of the town or one community, with the open cases of the latest read. A community's
    /// slow figures are read once per figures read, whoever asks first, and shared.
    /// </summary>
    public async Task<GovernanceFigures> GetFiguresAsync(long? communityId, CancellationToken cancellationToken = default)
    {
        var snapshot = await GetAsync(cancellationToken);
        if (communityId is not { } id)
        {
            return snapshot.Figures;
        }

        Task<GovernanceFigures> read;
        lock (gate)
        {
            if (!communityFigures.TryGetValue(id, out read!) || read.IsFaulted || read.IsCanceled)
            {
                read = statistics.GetFiguresAsync(StatisticsScope.Community(id), CancellationToken.None);
                Interlocked.Increment(ref figuresReads);
                communityFigures[id] = read;
            }
        }

        var figures = await read.WaitAsync(cancellationToken);
        return figures with { OpenCases = OpenCases(snapshot.Data.Compounds.Where(c => c.CommunityId == id)) };
    }

    /// <summary>Calls <paramref name="onValue"/> with every new snapshot until the handle is disposed.</summary>
    public IDisposable Listen(Func<ScreenSnapshot, Task> onValue)
    {
        lock (gate)
        {
            listeners = [.. listeners, onValue];
        }

        return new Listener(this, onValue);
    }

    public void Dispose()
    {
        feedSubscription.Dispose();
        refreshTimer.Dispose();
        midnight.Dispose();
        reading.Dispose();
    }

    private Task OnChangesAsync(IReadOnlyList<ChangeEntry> changes)
    {
        if (changes.Any(c => !KindsThatKeepFigures.Contains(c.Kind)))
        {
            Volatile.Write(ref figuresStale, 1);
        }

        return RefreshAsync();
    }

    private Task OnTickAsync()
    {
        Volatile.Write(ref figuresStale, 1);
        return RefreshAsync();
    }

    /// <summary>Reads and tells the screens, when any is open; otherwise forgets the snapshot so the next screen reads.</summary>
    private async Task RefreshAsync()
    {
        if (Listeners == 0)
        {
            Volatile.Write(ref current, null);
            return;
        }

        try
        {
            await ReadAsync(waitForRunningRead: false, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The screens could not re-read their figures");
        }
    }

    /// <summary>
    /// One read at a time; a request during a read makes the reader go round once more (or, with
    /// <paramref name="waitForRunningRead"/>, waits for it). Every completed read is handed to all screens.
    /// </summary>
    private async Task ReadAsync(bool waitForRunningRead, CancellationToken cancellationToken)
    {
        Volatile.Write(ref again, 1);
        if (!await reading.WaitAsync(waitForRunningRead ? Timeout.Infinite : 0, cancellationToken))
        {
            // The running read goes round again and tells the screens.
            return;
        }

        var read = false;
        try
        {
            while (Interlocked.Exchange(ref again, 0) == 1)
            {
                var before = Volatile.Read(ref current);
                var (figures, compounds) = (before?.Figures, before?.Compounds);
                if (Interlocked.Exchange(ref figuresStale, 0) == 1 || figures is null || compounds is null)
                {
                    figures = await statistics.GetFiguresAsync(StatisticsScope.Town, cancellationToken);
                    Interlocked.Increment(ref figuresReads);
                    compounds = await territory.ListCompoundsAsync(cancellationToken);
                    lock (gate)
                    {
                        communityFigures = [];
                    }
                }

                var screen = options.CurrentValue;
                var data = await counters.GetAsync(TimeSpan.FromHours(screen.DueSoonHours), screen.TickerSize, cancellationToken);
                var meeting = await meetings.GetScreenSummaryAsync(cancellationToken);
                var (geo, geoError) = mapSource.Load();
                var open = data.Compounds.ToDictionary(c => c.Id, c => c.OpenCases);
                Reads++;
                read = true;
                Volatile.Write(ref current, new ScreenSnapshot(
                    data,
                    figures with { OpenCases = new OpenCasesByLevel { Compound = data.Counters.OpenCompound, Community = data.Counters.OpenCommunity, Town = data.Counters.OpenTown } },
                    [.. compounds.Select(c => c with { OpenCases = open.GetValueOrDefault(c.Id) })],
                    meeting,
                    geo,
                    geoError,
                    clock.Now));
            }
        }
        catch
        {
            Volatile.Write(ref figuresStale, 1);
            throw;
        }
        finally
        {
            reading.Release();
        }

        if (read && Volatile.Read(ref current) is { } snapshot)
        {
            // Not awaited under the read lock: each screen renders on its own circuit.
            await Task.WhenAll(Volatile.Read(ref listeners).Select(listener => listener(snapshot)));
        }
    }

    private static OpenCasesByLevel OpenCases(IEnumerable<CompoundLayerData> compounds)
    {
        var list = compounds.ToList();
        return new OpenCasesByLevel
        {
            Compound = list.Sum(c => c.OpenAtCompound),
            Community = list.Sum(c => c.OpenAtCommunity),
            Town = list.Sum(c => c.OpenAtTown),
        };
    }

    private void Remove(Func<ScreenSnapshot, Task> onSnapshot)
    {
        lock (gate)
        {
            listeners = [.. listeners.Where(l => l != onSnapshot)];
        }
    }

    private sealed class Listener(ScreenState owner, Func<ScreenSnapshot, Task> onSnapshot) : IDisposable
    {
        public void Dispose() => owner.Remove(onSnapshot);
    }
}
