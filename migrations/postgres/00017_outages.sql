-- Every replica writes one row a minute saying whether it was ready and how many bid requests it
-- served and failed, so the portal can tell afterwards whether it let suppliers down before a
-- deadline (no row from anyone, or only failing ones, is a minute of outage). The minute is
-- minutes since 1970 (UTC). Owned by backend/platform/heartbeat.
-- +goose Up
CREATE TABLE heartbeats (
    replica       text NOT NULL,
    minute        bigint NOT NULL,
    ready         boolean NOT NULL,
    requests      bigint NOT NULL DEFAULT 0,
    server_errors bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (minute, replica)
);

-- Each submission deadline moved because the portal failed before it: at most one move per
-- deadline (the key), and the later ones count outages only from the last move. Owned by
-- backend/opportunities.
CREATE TABLE opportunity_outage_extensions (
    opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    deadline_us    bigint NOT NULL,
    extended_to_us bigint NOT NULL,
    down_minutes   integer NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (opportunity_id, deadline_us)
);

-- +goose Down
DROP TABLE opportunity_outage_extensions;
DROP TABLE heartbeats;
