-- Intelligence from engagement (issue 13): an intelligence item no longer has to come from a
-- resident's report. Officers and engagement leads record what they hear at a street briefing,
-- in a KIN answer, a survey's free-text answer, from a partner or at a meeting: its source, the
-- neighbourhood, the day, and (for a survey or KIN answer) the response it came from. An item
-- from a report keeps `source = 'report'` and reads its neighbourhood and day from the report.
ALTER TABLE intelligence_items ALTER COLUMN report_id DROP NOT NULL;
ALTER TABLE intelligence_items ADD COLUMN source TEXT NOT NULL DEFAULT 'report' CHECK (source IN ('report',
    'street_briefing', 'kin_answer', 'survey_answer', 'partner', 'meeting'));
ALTER TABLE intelligence_items ADD COLUMN neighbourhood_id BIGINT REFERENCES neighbourhoods(id);
ALTER TABLE intelligence_items ADD COLUMN observed_on BIGINT;
ALTER TABLE intelligence_items ADD COLUMN response_id BIGINT REFERENCES survey_responses(id);
ALTER TABLE intelligence_items ADD COLUMN question TEXT;
ALTER TABLE intelligence_items ADD CONSTRAINT intelligence_items_origin CHECK ((source = 'report' AND report_id IS NOT NULL)
    OR (source <> 'report' AND report_id IS NULL AND neighbourhood_id IS NOT NULL AND observed_on IS NOT NULL));
CREATE INDEX intelligence_response ON intelligence_items(response_id);
