using static Liwater.Data.Demo.DemoCaseTexts;

namespace Liwater.Data.Demo;

/// <summary>
/// Writes the timeline of one generated case relative to the clock's now. Times are fractions of intervals that end
/// at or before now, so events are ordered and never in the future; the random draws never depend on the clock.
/// </summary>
internal sealed class DemoCaseTimelines(DemoModel model, Random random, DemoCaseDraft draft)
{
    private const long Minute = DemoTime.Minute;
    private const long Hour = DemoTime.Hour;
    private const long Day = DemoTime.Day;

    private readonly long now = model.Time.NowMs;

    private string Community => draft.Compound.Community.Row.Name;

    /// <summary>An open or in-progress case at <paramref name="level"/>; overdue cases entered that level more than its limit ago.</summary>
    public void Active(string level, bool working, bool overdue)
    {
        var limit = DemoCaseDraft.LevelLimit(level);
        var entered = overdue ? now - limit - Span(0.1 * Day, 4 * Day) : now - (long)(limit * Uniform(0.05, 0.85));
        var communityStage = level == "town" ? Span(1 * Day, 6 * Day) : 0;
        var compoundStage = level == "compound" ? 0 : Span(0.3 * Day, 2.5 * Day);
        var opened = entered - communityStage - compoundStage;
        draft.Open(opened, DemoCaseDraft.System);
        if (level != "compound")
        {
            var escalated = opened + compoundStage;
            var steward = DemoNames.Steward(random);
            WorkStage(opened, escalated, steward, pairing: false);
            EscalateToCommunity(escalated, steward);
            if (level == "town")
            {
                var communityStaff = DemoNames.CommunityStaff(random);
                WorkStage(escalated, entered, communityStaff, pairing: false);
                EscalateToTown(entered, communityStaff);
            }
        }

        if (working)
        {
            var actor = level switch
            {
                "compound" => DemoNames.Steward(random),
                "community" => DemoNames.CommunityStaff(random),
                _ => DemoNames.TownStaff(random),
            };
            WorkStage(entered, now, actor, pairing: level == "community");
        }
    }

    /// <summary>An open property-service request: fresh ones are inside the 5/10/15-minute marks, overdue ones missed one.</summary>
    public void ActivePropertyService(bool working, bool overdue)
    {
        var steward = DemoNames.Steward(random);
        var stage = random.NextDouble() < 0.5;
        var reply = Span(1 * Minute, 4.5 * Minute);
        var action = Span(5.5 * Minute, 9.5 * Minute);
        long opened;
        if (overdue)
        {
            opened = now - Span(1 * Hour, working ? 30 * Hour : 20 * Hour);
        }
        else if (!working)
        {
            opened = now - Span(0.5 * Minute, 4.5 * Minute);
        }
        else
        {
            opened = now - (stage ? Span(10.5 * Minute, 14.5 * Minute) : Span(5.5 * Minute, 9.5 * Minute));
        }

        draft.Open(opened, DemoCaseDraft.System);
        if (working)
        {
            draft.Reply(opened + reply, steward, Pick(random, Replies));
            if (stage || overdue)
            {
                draft.Action(opened + action, steward, Pick(random, Actions));
            }
        }
    }

    /// <summary>A resolved or closed case opened 2–59 days ago that ended at (or passed through) <paramref name="level"/>.</summary>
    public void Done(string level, bool closed)
    {
        var opened = now - Span(2 * Day, 59 * Day);
        var steward = DemoNames.Steward(random);
        var communityStaff = DemoNames.CommunityStaff(random);
        var townStaff = DemoNames.TownStaff(random);
        var returned = random.NextDouble() < 0.25;
        var consult = random.NextDouble();
        var satisfiedAfter = Span(1 * Hour, 24 * Hour);
        draft.Open(opened, DemoCaseDraft.System);
        long finished;
        if (draft.Category == "property_service")
        {
            var reply = opened + Span(1 * Minute, 6 * Minute);
            var action = reply + Span(2 * Minute, 8 * Minute);
            var result = action + Span(3 * Minute, 30 * Minute);
            draft.Reply(reply, steward, Pick(random, Replies)).Action(action, steward, Pick(random, Actions)).Result(result, steward, Pick(random, Results));
            finished = result + Span(0, 10 * Minute);
        }
        else
        {
            var days = level switch { "compound" => Uniform(0.3, 3), "community" => Uniform(3, 10), _ => Uniform(8, 25) };
            var length = Math.Min((long)(days * Day), (long)((now - opened) * 0.5));
            long T(double fraction) => opened + (long)(length * fraction);
            var last = level == "compound" ? steward : level == "community" ? communityStaff : townStaff;
            draft.Reply(T(0.05), steward, Pick(random, Replies));
            if (level != "compound")
            {
                EscalateToCommunity(T(0.15), steward);
                draft.Reply(T(0.2), communityStaff, Pick(random, Replies));
                if (consult < 0.6)
                {
                    draft.Consultation(T(0.25), communityStaff, Pick(random, Consultations));
                }
            }

            if (level == "town")
            {
                EscalateToTown(T(0.3), communityStaff);
                draft.Reply(T(0.35), townStaff, Pick(random, Replies));
                if (returned)
                {
                    draft.Return(T(0.45), townStaff, "community", "community_office", Community + "居委会", "经联席会议研究，属社区职责范围，退回社区办理并明确责任单位。");
                    last = communityStaff;
                }
            }

            if (level == "community" && consult > 0.8)
            {
                var unit = Pick(random, PairedUnits);
                draft.Pairing(T(0.5), communityStaff, unit, "“党建星期二”结对共建：" + unit + "协助处理。");
                last = unit;
            }
            else if (level == "compound" && consult < 0.3)
            {
                draft.Consultation(T(0.5), steward, Pick(random, Consultations));
            }

            draft.Action(T(0.6), last, Pick(random, Actions)).Result(T(0.8), last, Pick(random, Results));
            finished = T(0.85);
        }

        draft.Resolve(finished, DemoCaseDraft.System, "处理完毕，待反映人确认。");
        if (closed)
        {
            draft.ConfirmSatisfied(finished + satisfiedAfter, draft.ReporterName ?? "反映人", "对处理结果表示满意。")
                .Close(finished + satisfiedAfter + (5 * Minute), DemoCaseDraft.System, "反映人确认满意，结案。");
        }
    }

    /// <summary>A case withdrawn or merged within two days of being opened.</summary>
    public void Cancelled()
    {
        var opened = now - Span(2 * Day, 59 * Day);
        var steward = DemoNames.Steward(random);
        var replied = random.NextDouble() < 0.5;
        var reply = opened + Span(10 * Minute, 2 * Hour);
        var cancelled = opened + Span(3 * Hour, 2 * Day);
        draft.Open(opened, DemoCaseDraft.System);
        if (replied)
        {
            draft.Reply(reply, steward, Pick(random, Replies));
        }

        draft.Cancel(cancelled, steward, Pick(random, CancelReasons));
    }

    /// <summary>Work inside one stage: a reply, often an action, sometimes a consultation or (community) a pairing.</summary>
    private void WorkStage(long start, long end, string actor, bool pairing)
    {
        long T(double fraction) => start + (long)((end - start) * fraction);
        var doAction = random.NextDouble() < 0.5;
        var extra = random.NextDouble();
        draft.Reply(T(Uniform(0.1, 0.3)), actor, Pick(random, Replies));
        if (doAction)
        {
            draft.Action(T(Uniform(0.4, 0.6)), actor, Pick(random, Actions));
        }

        if (pairing && extra < 0.2)
        {
            var unit = Pick(random, PairedUnits);
            draft.Pairing(T(0.7), actor, unit, "“党建星期二”结对共建：" + unit + "协助处理。");
        }
        else if (extra < 0.5)
        {
            draft.Consultation(T(Uniform(0.7, 0.9)), actor, Pick(random, Consultations));
        }
    }

    private void EscalateToCommunity(long at, string actor) =>
        draft.Escalate(at, actor, "community", "community_office", Community + "居委会", "小区层面协调未果，提交社区处理。");

    private void EscalateToTown(long at, string actor) =>
        draft.Escalate(at, actor, "town", "town_department", Pick(random, TownDepartments), "涉及多个部门职责，提交镇联席会议协调。");

    private double Uniform(double low, double high) => low + (random.NextDouble() * (high - low));

    private long Span(double low, double high) => (long)Uniform(low, high);
}
