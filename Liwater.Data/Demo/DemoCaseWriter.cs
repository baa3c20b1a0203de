namespace Liwater.Data.Demo;

/// <summary>Numbers the drafted cases in the order they were opened and writes them with their timelines.</summary>
internal static class DemoCaseWriter
{
    public static void Insert(DemoModel model, List<DemoCaseDraft> drafts)
    {
        using var caseInsert = model.Insert(
            """
            INSERT INTO cases (
                id, code, community_id, compound_id, building_id, category, title, description, source_channel,
                reporter_name, reporter_phone, level, status, assigned_unit_kind, assigned_unit_name, paired_unit,
                consultation_rounds, opened_at, level_entered_at, replied_at, action_at, result_at, resolved_at, closed_at,
                due_at, updated_at, version, is_assumption)
            VALUES (
                @id, @code, @communityId, @compoundId, @buildingId, @category, @title, @description, @sourceChannel,
                @reporterName, @reporterPhone, @level, @status, @unitKind, @unitName, @pairedUnit,
                @rounds, @openedAt, @levelEnteredAt, @repliedAt, @actionAt, @resultAt, @resolvedAt, @closedAt,
                @dueAt, @updatedAt, 1, @isAssumption)
            """,
            "@id", "@code", "@communityId", "@compoundId", "@buildingId", "@category", "@title", "@description", "@sourceChannel",
            "@reporterName", "@reporterPhone", "@level", "@status", "@unitKind", "@unitName", "@pairedUnit",
            "@rounds", "@openedAt", "@levelEnteredAt", "@repliedAt", "@actionAt", "@resultAt", "@resolvedAt", "@closedAt",
            "@dueAt", "@updatedAt", "@isAssumption");
        using var eventInsert = model.Insert(
            """
            INSERT INTO case_events (case_id, kind, at, user_id, actor, body, from_level, to_level, data)
            VALUES (@caseId, @kind, @at, NULL, @actor, @body, @fromLevel, @toLevel, NULL)
            """,
            "@caseId", "@kind", "@at", "@actor", "@body", "@fromLevel", "@toLevel");

        var numberByYear = new Dictionary<int, int>();
        long id = 0;
        foreach (var draft in drafts.OrderBy(d => d.OpenedAt))
        {
            var year = model.Time.DateOf(draft.OpenedAt).Year;
            var number = numberByYear[year] = numberByYear.GetValueOrDefault(year) + 1;
            caseInsert.Run(
                ++id, $"LS-{year}-{number:0000}", draft.Compound.Community.Id, draft.Compound.Id, draft.BuildingId, draft.Category,
                draft.Title, draft.Description, draft.SourceChannel, draft.ReporterName, draft.ReporterPhone, draft.Level, draft.Status,
                draft.AssignedUnitKind, draft.AssignedUnitName, draft.PairedUnit, draft.ConsultationRounds, draft.OpenedAt,
                draft.LevelEnteredAt, draft.RepliedAt, draft.ActionAt, draft.ResultAt, draft.ResolvedAt, draft.ClosedAt,
                draft.DueAt(), draft.UpdatedAt, draft.IsAssumption ? 1 : 0);
            foreach (var e in draft.Events)
            {
                eventInsert.Run(id, e.Kind, e.At, e.Actor, e.Body, e.FromLevel, e.ToLevel);
            }

            if (!draft.IsAssumption && draft.Title == DemoSourceCases.TilesTitle)
            {
                model.TilesCaseId = id;
            }
        }
    }
}
