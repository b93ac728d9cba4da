-- Photos sent with a report, re-encoded as JPEG: no EXIF, XMP or GPS reaches storage.
CREATE TABLE report_photos (
    id        BIGSERIAL PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES reports(id),
    position  BIGINT NOT NULL,
    width     BIGINT NOT NULL,
    height    BIGINT NOT NULL,
    data      BYTEA NOT NULL
);
CREATE INDEX report_photos_report ON report_photos(report_id);
