-- Counting a partnership's reports over a period by category and neighbourhood (hotspot
-- detection, the before/after assessment, the strategic assessment) reads only this index:
-- it holds every column those counts group and filter by. It replaces the plain
-- (csp_id, created_at) index, which it also serves.
DROP INDEX reports_csp_created;
CREATE INDEX reports_csp_time ON reports(csp_id, created_at, category_id, neighbourhood_id, status);
