-- Signals from the data (issue 15, part 3). Each week each partnership's series (the partnership
-- and each neighbourhood's cluster, weekly and rolling four-week counts of tension-tagged
-- intelligence, hate reports and the families it chose) are tested against their own history;
-- the run records how many tests shared the week's alarm budget, and each test that signalled
-- is kept with the figures that drove it, so its words can be shown and explained later. A signal
-- that a later recompute of the same week no longer gives (the counts moved as reports were
-- triaged) is marked withdrawn, not deleted: the rota may have been alerted to it.
ALTER TABLE csp_settings ADD COLUMN tension_families TEXT NOT NULL DEFAULT '';

-- Counting one family's reports week by week reads only that family's rows.
CREATE INDEX reports_category_time ON reports(category_id, created_at, neighbourhood_id);

CREATE TABLE tension_signal_runs (
    csp_id      INTEGER NOT NULL REFERENCES csps(id),
    week_start  INTEGER NOT NULL,
    tests       INTEGER NOT NULL,
    budget      REAL NOT NULL,
    computed_at INTEGER NOT NULL,
    PRIMARY KEY (csp_id, week_start)
);

CREATE TABLE tension_signals (
    id               INTEGER PRIMARY KEY,
    csp_id           INTEGER NOT NULL REFERENCES csps(id),
    week_start       INTEGER NOT NULL,
    series           TEXT NOT NULL,
    counted          TEXT NOT NULL,
    neighbourhood_id INTEGER REFERENCES neighbourhoods(id),
    four_weeks       INTEGER NOT NULL CHECK (four_weeks IN (0, 1)),
    method           TEXT NOT NULL CHECK (method IN ('farrington', 'ears_c2')),
    history_weeks    INTEGER NOT NULL,
    observed         INTEGER NOT NULL,
    usual            REAL NOT NULL,
    upper_bound      REAL NOT NULL,
    p_value          REAL NOT NULL,
    threshold        REAL NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    withdrawn_at     INTEGER,
    UNIQUE (csp_id, week_start, series)
);
CREATE INDEX tension_signals_neighbourhood ON tension_signals(neighbourhood_id, week_start);
CREATE INDEX tension_signals_week ON tension_signals(week_start, csp_id);
