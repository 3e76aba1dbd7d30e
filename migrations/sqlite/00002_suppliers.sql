-- Supplier profiles: what an organisation tells the council once (registration numbers, address,
-- size, what it does, CPV interests, accreditations, contacts, insurance), its ethical declarations,
-- member invitations, and bank details that change only after checks against mandate fraud.
-- +goose Up
CREATE TABLE supplier_profiles (
    organisation_id        TEXT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    legal_name             text NOT NULL,
    trading_name           text NOT NULL,
    companies_house_number text NOT NULL,
    charity_number         text NOT NULL,
    oscr_number            text NOT NULL,
    fca_number             text NOT NULL,
    vat_number             text NOT NULL,
    address_line1          text NOT NULL,
    address_line2          text NOT NULL,
    town                   text NOT NULL,
    postcode               text NOT NULL,
    local_authority_code   text NOT NULL,
    staff_count            integer NOT NULL,
    turnover_pence         bigint NOT NULL,
    description            text NOT NULL,
    employee_owned         BOOLEAN NOT NULL,
    social_enterprise      BOOLEAN NOT NULL,
    asset_lock             BOOLEAN NOT NULL,
    size_class             text NOT NULL,
    vcse                   BOOLEAN NOT NULL,
    locality               text NOT NULL,
    version                integer NOT NULL,
    updated_by             TEXT,
    updated_at             DATETIME NOT NULL
);
CREATE INDEX supplier_profiles_class_idx ON supplier_profiles (size_class, vcse, locality);
CREATE INDEX supplier_profiles_la_idx ON supplier_profiles (local_authority_code);

-- The buyers' list and export are sorted by organisation name.
CREATE INDEX organisations_name_idx ON organisations (name);

CREATE TABLE supplier_cpv_codes (
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    code            text NOT NULL,
    PRIMARY KEY (organisation_id, code)
);
CREATE INDEX supplier_cpv_codes_code_idx ON supplier_cpv_codes (code);

CREATE TABLE supplier_accreditations (
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name            text NOT NULL,
    PRIMARY KEY (organisation_id, name)
);
CREATE INDEX supplier_accreditations_name_idx ON supplier_accreditations (name);

CREATE TABLE supplier_contacts (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name            text NOT NULL,
    job_title       text NOT NULL,
    email           text NOT NULL,
    phone           text NOT NULL,
    phone_since     DATETIME NOT NULL,
    created_at      DATETIME NOT NULL
);
CREATE INDEX supplier_contacts_org_idx ON supplier_contacts (organisation_id);

CREATE TABLE supplier_insurances (
    id               TEXT PRIMARY KEY,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind             text NOT NULL,
    amount_pence     bigint NOT NULL,
    expires_on       text NOT NULL,
    document_key     text NOT NULL,
    document_name    text NOT NULL,
    document_size    bigint NOT NULL,
    document_sha256  text NOT NULL,
    reminder_sent_at DATETIME,
    created_at       DATETIME NOT NULL
);
CREATE INDEX supplier_insurances_org_idx ON supplier_insurances (organisation_id);
CREATE INDEX supplier_insurances_expiry_idx ON supplier_insurances (expires_on);

CREATE TABLE supplier_declarations (
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    standard        text NOT NULL,
    answer          text NOT NULL,
    evidence        text NOT NULL,
    declared_by     TEXT NOT NULL,
    declared_at     DATETIME NOT NULL,
    PRIMARY KEY (organisation_id, standard)
);
CREATE INDEX supplier_declarations_answer_idx ON supplier_declarations (standard, answer);

CREATE TABLE organisation_invitations (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    email           text NOT NULL,
    role            text NOT NULL,
    token_hash      text NOT NULL UNIQUE,
    invited_by      TEXT NOT NULL,
    expires_at      DATETIME NOT NULL,
    accepted_at     DATETIME,
    created_at      DATETIME NOT NULL
);
CREATE INDEX organisation_invitations_org_idx ON organisation_invitations (organisation_id);

CREATE TABLE bank_detail_changes (
    id                 TEXT PRIMARY KEY,
    organisation_id    TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    account_name       text NOT NULL,
    sort_code          text NOT NULL,
    account_sealed     BLOB NOT NULL,
    account_last4      text NOT NULL,
    status             text NOT NULL,
    requested_by       TEXT NOT NULL,
    requested_at       DATETIME NOT NULL,
    frozen_at          DATETIME,
    frozen_by          TEXT,
    callback_by        TEXT,
    callback_at        DATETIME,
    callback_phone     text NOT NULL,
    callback_note      text NOT NULL,
    approved_by        TEXT,
    approved_at        DATETIME,
    cooling_off_until  DATETIME,
    effective_at       DATETIME,
    reject_reason      text NOT NULL
);
CREATE INDEX bank_detail_changes_org_idx ON bank_detail_changes (organisation_id, requested_at);
CREATE INDEX bank_detail_changes_status_idx ON bank_detail_changes (status, requested_at);

-- +goose Down
DROP TABLE bank_detail_changes;
DROP TABLE organisation_invitations;
DROP TABLE supplier_declarations;
DROP TABLE supplier_insurances;
DROP TABLE supplier_contacts;
DROP TABLE supplier_accreditations;
DROP TABLE supplier_cpv_codes;
DROP INDEX organisations_name_idx;
DROP TABLE supplier_profiles;
