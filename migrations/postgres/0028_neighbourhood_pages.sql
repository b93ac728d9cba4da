-- Public neighbourhood pages (issue 14).
--
-- A neighbourhood's slug is unique only within its CSP (16 ward names recur across Wales:
-- "castle", "newton", "graig"...), so the public address /neighbourhoods/{public_slug} uses
-- `{csp slug}-{neighbourhood slug}` ("cardiff-adamsdown"), always: unique across Wales, and as
-- stable as the two slugs it is made of (neither is ever changed by the hub). A new
-- neighbourhood is given its own by the trigger below, so no insert has to know of it.
ALTER TABLE neighbourhoods ADD COLUMN public_slug TEXT;
UPDATE neighbourhoods SET public_slug = (SELECT c.slug FROM csps c WHERE c.id = neighbourhoods.csp_id) || '-' || slug;
CREATE UNIQUE INDEX neighbourhoods_public_slug ON neighbourhoods(public_slug);
CREATE FUNCTION neighbourhoods_public_slug_given() RETURNS trigger AS $$
BEGIN
    IF NEW.public_slug IS NULL THEN
        NEW.public_slug := (SELECT c.slug FROM csps c WHERE c.id = NEW.csp_id) || '-' || NEW.slug;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER neighbourhoods_public_slug_given BEFORE INSERT ON neighbourhoods
FOR EACH ROW EXECUTE FUNCTION neighbourhoods_public_slug_given();

-- The partnership's public contact, shown on its neighbourhood pages, in English and Welsh
-- (NULL: the hub's default words, which point to the partnership's page).
ALTER TABLE csp_settings ADD COLUMN public_contact_en TEXT;
ALTER TABLE csp_settings ADD COLUMN public_contact_cy TEXT;

-- The page counts a neighbourhood's reports of the last 12 months by category and month: this
-- index holds every column that count reads, so it never reads the table (1,000,000 reports).
CREATE INDEX reports_neighbourhood_time ON reports(neighbourhood_id, created_at, category_id, sensitive, status);
