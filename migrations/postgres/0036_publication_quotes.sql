-- "You said, we did" quotes (issue 14): an item may quote a survey respondent's own words,
-- with the consent they gave when they answered (`survey_responses.may_quote`, 0031); its
-- `source_id` is the response.
ALTER TABLE publication_items DROP CONSTRAINT publication_items_source_check;
ALTER TABLE publication_items ADD CONSTRAINT publication_items_source_check
    CHECK (source IN ('profile', 'campaign', 'priority', 'quote', 'none'));
