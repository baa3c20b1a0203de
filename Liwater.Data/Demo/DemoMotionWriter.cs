namespace Liwater.Data.Demo;

/// <summary>Writes council meetings, motions and the votes on them, computing each closed motion's result.</summary>
internal sealed class DemoMotionWriter(DemoModel model) : IDisposable
{
    private readonly DemoInsert meeting = model.Insert(
        "INSERT INTO council_meetings (id, council_id, held_on, title) VALUES (@id, @councilId, @heldOn, @title)",
        "@id", "@councilId", "@heldOn", "@title");

    private readonly DemoInsert motion = model.Insert(
        """
        INSERT INTO motions (id, council_meeting_id, title, description, case_id, status, result, closed_at, version)
        VALUES (@id, @meetingId, @title, @description, @caseId, @status, @result, @closedAt, 1)
        """,
        "@id", "@meetingId", "@title", "@description", "@caseId", "@status", "@result", "@closedAt");

    private readonly DemoInsert vote = model.Insert(
        "INSERT INTO votes (motion_id, representative_id, choice, cast_at) VALUES (@motionId, @representativeId, @choice, @castAt)",
        "@motionId", "@representativeId", "@choice", "@castAt");

    private long meetingId;
    private long motionId;

    public long Meeting(long councilId, long startsAt, string title)
    {
        meeting.Run(++meetingId, councilId, DemoTime.Text(model.Time.DateOf(startsAt)), title);
        return meetingId;
    }

    /// <summary>
    /// Writes one motion. A closed motion gets votes from some of the active representatives and the result the rule
    /// gives; an open one has no votes yet and no result.
    /// </summary>
    public void Motion(long councilMeetingId, string title, long? caseId, long opensAt, bool open, List<long> active, Random random, bool favoured)
    {
        var turnout = favoured ? 0.9 : 0.6 + (random.NextDouble() * 0.35);
        var forShare = favoured ? 0.85 : 0.45 + (random.NextDouble() * 0.4);
        var ballots = new List<(long Representative, string Choice, long At)>();
        foreach (var representative in active)
        {
            var votes = random.NextDouble() < turnout;
            var pick = random.NextDouble();
            var at = opensAt + ((1 + random.Next(15)) * DemoTime.Minute);
            if (votes)
            {
                ballots.Add((representative, pick < forShare ? "for" : pick < forShare + ((1 - forShare) / 2) ? "against" : "abstain", at));
            }
        }

        var closedAt = opensAt + (18 * DemoTime.Minute);
        var description = "由议事代表提出，经楼栋征集意见后提交议事会表决（演示）。";
        if (open)
        {
            motion.Run(++motionId, councilMeetingId, title, description, caseId, "open", null, null);
            return;
        }

        var cast = ballots.Count;
        var inFavour = ballots.Count(b => b.Choice == "for");
        var result = cast * 2 <= active.Count ? "no_quorum" : inFavour * 2 > cast ? "passed" : "rejected";
        motion.Run(++motionId, councilMeetingId, title, description, caseId, "closed", result, closedAt);
        foreach (var (representative, choice, at) in ballots)
        {
            vote.Run(motionId, representative, choice, at);
        }
    }

    public void Dispose()
    {
        meeting.Dispose();
        motion.Dispose();
        vote.Dispose();
    }
}
