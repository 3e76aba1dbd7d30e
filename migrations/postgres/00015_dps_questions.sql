-- Suppliers ask about joining a DPS as well as about an opportunity: a question and its answer are
-- about exactly one of the two. Answers to everyone are numbered per DPS as they are per
-- opportunity. Owned by backend/clarifications.
-- +goose Up
ALTER TABLE clarification_questions ALTER COLUMN opportunity_id DROP NOT NULL;
ALTER TABLE clarification_questions ADD COLUMN dps_id uuid REFERENCES dps (id) ON DELETE CASCADE;
ALTER TABLE clarification_questions ADD CONSTRAINT clarification_questions_about_one
    CHECK ((opportunity_id IS NULL) <> (dps_id IS NULL));
CREATE INDEX clarification_questions_dps ON clarification_questions (dps_id, status, asked_at);

ALTER TABLE clarification_answers ALTER COLUMN opportunity_id DROP NOT NULL;
ALTER TABLE clarification_answers ADD COLUMN dps_id uuid REFERENCES dps (id) ON DELETE CASCADE;
ALTER TABLE clarification_answers ADD CONSTRAINT clarification_answers_about_one
    CHECK ((opportunity_id IS NULL) <> (dps_id IS NULL));
CREATE UNIQUE INDEX clarification_answers_dps_number ON clarification_answers (dps_id, number);
CREATE INDEX clarification_answers_dps ON clarification_answers (dps_id, visibility, number);

-- +goose Down
DELETE FROM clarification_answers WHERE dps_id IS NOT NULL;
DELETE FROM clarification_questions WHERE dps_id IS NOT NULL;
ALTER TABLE clarification_answers DROP CONSTRAINT clarification_answers_about_one;
ALTER TABLE clarification_answers DROP COLUMN dps_id;
ALTER TABLE clarification_answers ALTER COLUMN opportunity_id SET NOT NULL;
ALTER TABLE clarification_questions DROP CONSTRAINT clarification_questions_about_one;
ALTER TABLE clarification_questions DROP COLUMN dps_id;
ALTER TABLE clarification_questions ALTER COLUMN opportunity_id SET NOT NULL;
