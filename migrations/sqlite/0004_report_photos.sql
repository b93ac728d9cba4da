-- Photos sent with a report, re-encoded as JPEG: no EXIF, XMP or GPS reaches storage.
CREATE TABLE report_photos (
    id        INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    position  INTEGER NOT NULL,
    width     INTEGER NOT NULL,
    height    INTEGER NOT NULL,
    data      BLOB NOT NULL
);
CREATE INDEX report_photos_report ON report_photos(report_id);
