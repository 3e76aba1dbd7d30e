-- Each time a feature hears that an opportunity's deadline has passed is recorded here, in the
-- transaction of its handler, so that the scheduled job, a retry of it and the periodic sweep
-- together tell each feature of each deadline exactly once, on any number of replicas. The
-- deadline is part of the key (as microseconds since 1970) so a deadline moved after it passed is
-- heard again at its new time. Owned by backend/opportunities.
-- +goose Up
CREATE TABLE opportunity_deadline_deliveries (
    opportunity_id TEXT NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
    kind           text NOT NULL,
    subscriber     text NOT NULL,
    deadline_us    bigint NOT NULL,
    delivered_at   DATETIME NOT NULL,
    PRIMARY KEY (opportunity_id, kind, subscriber, deadline_us)
);

-- +goose Down
DROP TABLE opportunity_deadline_deliveries;
