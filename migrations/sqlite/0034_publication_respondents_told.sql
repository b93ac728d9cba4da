-- "You said, we did" reach (issue 14): besides subscribers and the residents whose reports it
-- drew on, how many survey respondents who asked to be told ("email me when something
-- changes", 0031) were told when it was published.
ALTER TABLE publications ADD COLUMN told_respondents INTEGER NOT NULL DEFAULT 0;
