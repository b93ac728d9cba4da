-- The duplicate check on storing a survey response looks up earlier responses with the same
-- answers fingerprint. Responses loaded without one (older rows, demo and bulk data) made the
-- full index look unselective to the planner, which then scanned the campaign's responses in
-- id order instead (11 ms at 50,000 responses on SQLite, on every response stored). Indexing
-- only fingerprinted rows keeps the statistics true to the lookup, which always names one.
DROP INDEX survey_responses_answers_hash;
CREATE INDEX survey_responses_answers_hash ON survey_responses(campaign_id, answers_hash)
    WHERE answers_hash IS NOT NULL;
