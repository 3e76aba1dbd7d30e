-- Each email the job queue hands to the mail server is recorded here by its Message-ID, so a job
-- retried after a crash (River rescues a job left running by a dead process) finds its email
-- already sent and does not send it twice. Owned by backend/platform/jobs.
-- +goose Up
CREATE TABLE sent_emails (
    message_id text PRIMARY KEY,
    sent_at    DATETIME NOT NULL
);
CREATE INDEX sent_emails_sent_at_idx ON sent_emails (sent_at);

-- +goose Down
DROP TABLE sent_emails;
