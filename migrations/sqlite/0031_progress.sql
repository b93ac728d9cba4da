-- Progress in public (issue 14, part 2): a priority's public stage (planned, under way, done)
-- and who is told when it moves. Residents who answered a survey may ask to be emailed when
-- something changes about what they said, and may let their words be quoted without their name.

-- When an action was first started (for the public timeline). Actions started before this
-- migration take their last change as the day they started; done ones keep only their end.
ALTER TABLE problem_actions ADD COLUMN started_at INTEGER;
UPDATE problem_actions SET started_at = updated_at WHERE status = 'in_progress';

-- The survey choice a priority came from (optional): residents who chose it and asked to be
-- told are told when the priority moves.
ALTER TABLE neighbourhood_priorities ADD COLUMN campaign_id INTEGER REFERENCES campaigns(id);
ALTER TABLE neighbourhood_priorities ADD COLUMN question_key TEXT;
ALTER TABLE neighbourhood_priorities ADD COLUMN option_key TEXT;
-- The public stage residents were last told of (moved only by compare-and-set, so each change
-- is told once). Priorities set before this migration start at the stage they are at.
ALTER TABLE neighbourhood_priorities ADD COLUMN public_stage TEXT NOT NULL DEFAULT 'planned'
    CHECK (public_stage IN ('planned', 'under_way', 'done'));
UPDATE neighbourhood_priorities SET public_stage = CASE
    WHEN (SELECT v.verdict FROM neighbourhood_priority_reviews v WHERE v.priority_id = neighbourhood_priorities.id
          ORDER BY v.reviewed_on DESC, v.id DESC LIMIT 1) = 'resolved' THEN 'done'
    WHEN (SELECT v.verdict FROM neighbourhood_priority_reviews v WHERE v.priority_id = neighbourhood_priorities.id
          ORDER BY v.reviewed_on DESC, v.id DESC LIMIT 1) = 'improving'
      OR EXISTS (SELECT 1 FROM neighbourhood_priority_actions l JOIN problem_actions a ON a.id = l.action_id
                 WHERE l.priority_id = neighbourhood_priorities.id AND a.status IN ('in_progress', 'done'))
      THEN 'under_way'
    ELSE 'planned' END;

-- "You may quote my words publicly without my name", given when answering.
ALTER TABLE survey_responses ADD COLUMN may_quote INTEGER NOT NULL DEFAULT 0 CHECK (may_quote IN (0, 1));

-- "Email me when something changes about what I said": personal data, apart from the answers,
-- never in results, exports, the API or partners' views. Stored with the response.
CREATE TABLE survey_contacts (
    response_id  INTEGER PRIMARY KEY REFERENCES survey_responses(id),
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
    email        TEXT NOT NULL,
    language     TEXT NOT NULL CHECK (language IN ('en', 'cy')),
    consented_at INTEGER NOT NULL
);
CREATE INDEX survey_contacts_campaign ON survey_contacts(campaign_id);
