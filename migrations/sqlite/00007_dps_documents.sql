-- Files that suppliers upload as the answers to a DPS questionnaire's document questions, each
-- stored whole in the document store with its SHA-256 and size.
-- +goose Up
CREATE TABLE dps_answer_documents (
    application_id TEXT NOT NULL REFERENCES dps_applications (id) ON DELETE CASCADE,
    -- No cascade: questions are saved in place and a published DPS keeps every one, so a question
    -- with a stored file never goes (and never leaves the stored object behind).
    question_id    TEXT NOT NULL REFERENCES dps_questions (id),
    filename       text NOT NULL,
    content_type   text NOT NULL,
    size_bytes     bigint NOT NULL,
    sha256         text NOT NULL,
    blob_key       text NOT NULL UNIQUE,
    uploaded_by    TEXT NOT NULL REFERENCES users (id),
    uploaded_at    DATETIME NOT NULL,
    PRIMARY KEY (application_id, question_id)
);

-- +goose Down
DROP TABLE dps_answer_documents;
