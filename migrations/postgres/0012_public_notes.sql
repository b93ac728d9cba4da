-- What a status update publishes is now separate from what it tells the resident. `message`
-- is for the resident only (tracking page, and email when allowed); `public_note` is what
-- other apps and the public read in Open311, checked for the reporter's identity. Messages
-- written before this change were never checked, so none of them is published from now on.
ALTER TABLE report_updates ADD COLUMN public_note TEXT;
