using Liwater.Dashboard.Localization;
using Liwater.Dashboard.Components.Shared;
using Liwater.Dashboard.Live;
using Liwater.Dashboard.Auth;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using System.Globalization;
using Liwater.Data.Database;
using Liwater.Data.Ratings;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Liwater.Dashboard.Components.Pages.Ratings;

public sealed partial class Ratings : LiveComponentBase
{
    // Changes made elsewhere (another clerk, a job) re-read the page.
    private static readonly string[] LiveKinds = [ChangeKinds.ScoreRecorded, ChangeKinds.RatingPublished, ChangeKinds.RatingReopened];

    private IReadOnlyList<AssessmentUnit>? units;
    private IReadOnlyList<PeriodListing>? periods;
    private AssessmentPeriod? period;
    private IReadOnlyList<LeagueRow>? league;
    private StarDistribution? distribution;
    private List<ChartSeries<double>> chartSeries = [];
    private string[] chartLabels = [];
    private string csvUrl = "";
    private AssessmentUnit? historyUnit;
    private IReadOnlyList<UnitHistoryRow>? history;
    private ScoreSheetForm? sheet;

    [Inject]
    public required IStringLocalizer<DataErrorText> Errors { get; init; }

    [Inject]
    public required AssessmentQueries Queries { get; init; }

    [Inject]
    public required RatingOptions Options { get; init; }

    [Inject]
    public required RatingCommands Commands { get; init; }

    [Inject]
    public required TownClock Clock { get; init; }

    [Inject]
    public required IStringLocalizer<RatingText> T { get; init; }

    private string CsvName => LeagueCsv.FileName(period, T);

    [CascadingParameter] public Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? AuthenticationState { get; set; }

    // Decided once per page: an AuthorizeView around the stateful score sheet would re-create it on re-render.
    private bool canScore;
    private bool canPublish;
    private ActingUser actor = new();
    private string reopenReason = "";
    private string? periodError;
    private string? periodDone;

    /// <summary>The selected period's listing (state, who published or re-opened it).</summary>
    private PeriodListing? Selected => periods?.FirstOrDefault(p => p.Period == period);

    /// <summary>The newest published period: what every public screen shows.</summary>
    private PeriodListing? LatestPublished => periods?.FirstOrDefault(p => p.IsPublished);

    protected override async Task OnInitializedAsync()
    {
        Live(LiveFilter.OfKinds(LiveKinds), ReloadAsync);
        actor = await AuthenticationState.ActorAsync();
        canScore = ScoreSheetCommands.CanScore(actor);
        canPublish = RatingCommands.CanPublish(actor);
        units = await Queries.ListUnitsAsync();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        // Those who may score see drafts too (marked); everyone starts on the newest published period, what the public sees.
        periods = await Queries.ListPeriodsAsync(includeDrafts: canScore);
        period = period is not null && periods.Any(p => p.Period == period) ? period : (LatestPublished ?? (periods.Count > 0 ? periods[0] : null))?.Period;
        await LoadLeagueAsync();
        if (historyUnit is not null)
        {
            history = await Queries.HistoryAsync(historyUnit.Id, includeDrafts: canScore);
        }
    }

    private async Task PeriodChangedAsync(AssessmentPeriod value)
    {
        period = value;
        periodError = null;
        periodDone = null;
        await LoadLeagueAsync();
    }

    private async Task LoadLeagueAsync()
    {
        league = period is null ? [] : await Queries.LeagueAsync(period.Year, period.Quarter);
        distribution = StarDistribution.Of(league.Select(r => r.Rating));
        chartLabels = [StarLabel(5), StarLabel(4), StarLabel(3), T["NoStar"]];
        chartSeries = [new ChartSeries<double> { Name = T["Units"], Data = new double[] { distribution.FiveStar, distribution.FourStar, distribution.ThreeStar, distribution.NoStar } }];
        csvUrl = LeagueCsv.DataUrl(league, T);
    }

    private async Task ShowHistoryAsync(AssessmentUnit unit)
    {
        historyUnit = unit;
        history = await Queries.HistoryAsync(unit.Id, includeDrafts: canScore);
        if (sheet is not null && period is not null)
        {
            await sheet.OpenAsync(unit.Id, period.Year, period.Quarter);
        }
    }

    private async Task PublishAsync()
    {
        if (period is not { } p)
        {
            return;
        }

        await RunPeriodCommandAsync(() => Commands.PublishPeriodAsync(actor, p.Year, p.Quarter), T["PublishedDone", PeriodText(p)]);
    }

    private async Task ReopenAsync()
    {
        if (period is not { } p)
        {
            return;
        }

        await RunPeriodCommandAsync(() => Commands.ReopenPeriodAsync(actor, p.Year, p.Quarter, reopenReason), T["ReopenedDone", PeriodText(p)]);
        if (periodError is null)
        {
            reopenReason = "";
        }
    }

    private async Task RunPeriodCommandAsync(Func<Task> command, string done)
    {
        periodError = null;
        periodDone = null;
        try
        {
            await command();
            periodDone = done;
        }
        catch (ScoreSheetRefusedException e)
        {
            periodError = Errors.Text(e.Error);
            return;
        }

        await ReloadAsync();
    }

    private string StateText(PeriodListing listing) => listing.IsPublished ? T["StatePublished"] : T["StateDraft"];

    private string ChangedText(PeriodListing listing) => listing.ChangedAt is { } at
        ? Clock.ToLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + Errors.Actor(listing.ChangedBy ?? "", userId: null)
        : "";

    private IEnumerable<LeagueRow> ListOf(RatingList list) => league?.Where(r => r.Rating.List == list) ?? [];

    private string StarLabel(int stars) => string.Format(CultureInfo.CurrentCulture, T["StarN"], stars);

    private string PeriodText(AssessmentPeriod p) => p.Quarter == 0 ? T["PeriodYearEnd", p.Year] : T["PeriodQuarter", p.Year, p.Quarter];

    private RenderFragment ListChip(RatingList list) => builder =>
    {
        if (list == RatingList.None)
        {
            return;
        }

        builder.OpenComponent<MudChip<string>>(0);
        builder.AddAttribute(1, "Size", Size.Small);
        builder.AddAttribute(2, "Color", list == RatingList.Red ? Color.Error : Color.Dark);
        builder.AddAttribute(3, "ChildContent", (RenderFragment)(b => b.AddContent(0, list == RatingList.Red ? T["RedList"] : T["BlackList"])));
        builder.CloseComponent();
    };
}
