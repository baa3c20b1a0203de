-- PostgreSQL twin of ../0021_computed_checklist_item.sql
-- A checklist item may be computed from the unit's service record instead of scored by an assessor
-- (Liwater:Reports:ComputeServiceChecklistItem, decision 0141): the figures it came from are kept beside the points as
-- JSON, so the sheet shows them as they were when it was saved. NULL = scored by the assessor.
ALTER TABLE assessment_score_items ADD COLUMN computed_from TEXT;
