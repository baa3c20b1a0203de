namespace Liwater.Data.Demo;

internal sealed record DemoCaseEvent(string Kind, long At, string Actor, string? Body, string? FromLevel = null, string? ToLevel = null);

/// <summary>
/// A case being written as a timeline: every step appends an event and updates the columns that step implies, so the
/// row and its events can never disagree.
/// </summary>
internal sealed class DemoCaseDraft
{
    public const string System = ActorNames.System;

    /// <summary>The property-service promise: reply in 5 minutes, act in 10, a basic result in 15 (configurable defaults).</summary>
    private static readonly Cases.DeadlinePolicy Policy = new(new Cases.DeadlineOptions());


    public DemoCaseDraft(DemoCompound compound, long? buildingId, string category, string title, string description, string sourceChannel)
    {
        Compound = compound;
        BuildingId = buildingId;
        Category = category;
        Title = title;
        Description = description;
        SourceChannel = sourceChannel;
        AssignedUnitKind = "property_company";
        AssignedUnitName = compound.Row.Company ?? "物业服务企业（待定）";
    }

    public DemoCompound Compound { get; }

    public long? BuildingId { get; }

    public string Category { get; }

    public string Title { get; }

    public string Description { get; }

    public string SourceChannel { get; }

    public string? ReporterName { get; set; }

    public string? ReporterPhone { get; set; }

    public bool IsAssumption { get; set; } = true;

    public string Level { get; private set; } = "compound";

    public string? AssignedUnitKind { get; private set; }

    public string? AssignedUnitName { get; private set; }

    public string? PairedUnit { get; private set; }

    public int ConsultationRounds { get; private set; }

    public long OpenedAt { get; private set; }

    public long LevelEnteredAt { get; private set; }

    public long? RepliedAt { get; private set; }

    public long? ActionAt { get; private set; }

    public long? ResultAt { get; private set; }

    public long? ResolvedAt { get; private set; }

    public long? ClosedAt { get; private set; }

    public List<DemoCaseEvent> Events { get; } = [];

    public string Status =>
        Events.Exists(e => e.Kind == "cancelled") ? "cancelled"
        : Events.Exists(e => e.Kind == "closed") ? "closed"
        : ResolvedAt is not null ? "resolved"
        : Events.Exists(e => e.At >= LevelEnteredAt && e.Kind is "reply" or "action" or "result" or "consultation" or "pairing") ? "in_progress"
        : "open";

    public long UpdatedAt => Events[^1].At;

    public DemoCaseDraft Open(long at, string actor)
    {
        OpenedAt = LevelEnteredAt = at;
        return Add(new DemoCaseEvent("opened", at, actor, Description));
    }

    public DemoCaseDraft Reply(long at, string actor, string body)
    {
        RepliedAt ??= at;
        return Add(new DemoCaseEvent("reply", at, actor, body));
    }

    public DemoCaseDraft Action(long at, string actor, string body)
    {
        ActionAt ??= at;
        return Add(new DemoCaseEvent("action", at, actor, body));
    }

    public DemoCaseDraft Result(long at, string actor, string body)
    {
        ResultAt ??= at;
        return Add(new DemoCaseEvent("result", at, actor, body));
    }

    public DemoCaseDraft Consultation(long at, string actor, string body)
    {
        ConsultationRounds++;
        return Add(new DemoCaseEvent("consultation", at, actor, body));
    }

    public DemoCaseDraft Pairing(long at, string actor, string pairedUnit, string body)
    {
        PairedUnit = pairedUnit;
        (AssignedUnitKind, AssignedUnitName) = ("paired_branch", pairedUnit);
        return Add(new DemoCaseEvent("pairing", at, actor, body));
    }

    public DemoCaseDraft Escalate(long at, string actor, string toLevel, string unitKind, string unitName, string reason) =>
        MoveTo("escalated", at, actor, toLevel, unitKind, unitName, reason);

    public DemoCaseDraft Return(long at, string actor, string toLevel, string unitKind, string unitName, string reason) =>
        MoveTo("returned", at, actor, toLevel, unitKind, unitName, reason);

    public DemoCaseDraft Resolve(long at, string actor, string body)
    {
        ResolvedAt = at;
        return Add(new DemoCaseEvent("resolved", at, actor, body));
    }

    public DemoCaseDraft ConfirmSatisfied(long at, string actor, string body) => Add(new DemoCaseEvent("confirmed_satisfied", at, actor, body));

    public DemoCaseDraft Close(long at, string actor, string body)
    {
        ClosedAt = at;
        return Add(new DemoCaseEvent("closed", at, actor, body));
    }

    public DemoCaseDraft Cancel(long at, string actor, string body) => Add(new DemoCaseEvent("cancelled", at, actor, body));

    /// <summary>The next unmet deadline, by the same <see cref="Cases.DeadlinePolicy"/> as live cases (default limits).</summary>
    public long? DueAt() => Policy.Next(new Cases.CaseRow
    {
        Category = Category,
        Level = Level,
        Status = Status,
        OpenedAt = OpenedAt,
        LevelEnteredAt = LevelEnteredAt,
        RepliedAt = RepliedAt,
        ActionAt = ActionAt,
        ResultAt = ResultAt,
        ResolvedAt = ResolvedAt,
    })?.DueAt;

    public static long LevelLimit(string level) => level switch
    {
        "compound" => 3 * DemoTime.Day,
        "community" => 7 * DemoTime.Day,
        _ => 15 * DemoTime.Day,
    };

    private DemoCaseDraft MoveTo(string kind, long at, string actor, string toLevel, string unitKind, string unitName, string reason)
    {
        Add(new DemoCaseEvent(kind, at, actor, reason, Level, toLevel));
        (Level, LevelEnteredAt, AssignedUnitKind, AssignedUnitName) = (toLevel, at, unitKind, unitName);
        return this;
    }

    private DemoCaseDraft Add(DemoCaseEvent caseEvent)
    {
        if (Events.Count > 0 && caseEvent.At < Events[^1].At)
        {
            throw new InvalidOperationException($"Case '{Title}': event {caseEvent.Kind} goes back in time.");
        }

        Events.Add(caseEvent);
        return this;
    }
}
