-- Engagement results (part: results): the results page counts answers by question and what was
-- answered, and respondents per question, for a campaign of 50,000 responses. This index covers
-- both queries (no table reads); it starts with the columns of survey_answers_campaign, which
-- it replaces.
DROP INDEX survey_answers_campaign;
CREATE INDEX survey_answers_results ON survey_answers(campaign_id, question, choice, number, neighbourhood_id, response_id);
