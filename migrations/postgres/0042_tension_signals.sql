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
    csp_id      BIGINT NOT NULL REFERENCES csps(id),
    week_start  BIGINT NOT NULL,
    tests       BIGINT NOT NULL,
    budget      DOUBLE PRECISION NOT NULL,
    computed_at BIGINT NOT NULL,
    PRIMARY KEY (csp_id, week_start)
);

CREATE TABLE tension_signals (
    id               BIGSERIAL PRIMARY KEY,
    csp_id           BIGINT NOT NULL REFERENCES csps(id),
    week_start       BIGINT NOT NULL,
    series           TEXT NOT NULL,
    counted          TEXT NOT NULL,
    neighbourhood_id BIGINT REFERENCES neighbourhoods(id),
    four_weeks       BIGINT NOT NULL CHECK (four_weeks IN (0, 1)),
    method           TEXT NOT NULL CHECK (method IN ('farrington', 'ears_c2')),
    history_weeks    BIGINT NOT NULL,
    observed         BIGINT NOT NULL,
    usual            DOUBLE PRECISION NOT NULL,
    upper_bound      DOUBLE PRECISION NOT NULL,
    p_value          DOUBLE PRECISION NOT NULL,
    threshold        DOUBLE PRECISION NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    withdrawn_at     BIGINT,
    UNIQUE (csp_id, week_start, series)
);
CREATE INDEX tension_signals_neighbourhood ON tension_signals(neighbourhood_id, week_start);
CREATE INDEX tension_signals_week ON tension_signals(week_start, csp_id);
