-- The subscriber database as publisher wrote it before bounce processing (schema version 1),
-- for the migration test. Taken from publisher/delivery/store.py at commit 54b512a.
CREATE TABLE IF NOT EXISTS subscribers (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed', 'bounced', 'complained')),
    consent_source TEXT NOT NULL DEFAULT '',
    status_source TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    confirmed_at TEXT,
    confirmation_sent_at TEXT
);
CREATE TABLE IF NOT EXISTS sends (
    id INTEGER PRIMARY KEY,
    issue TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE TABLE IF NOT EXISTS deliveries (
    send_id INTEGER NOT NULL REFERENCES sends(id),
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id),
    address TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'unknown', 'skipped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    message_id TEXT NOT NULL UNIQUE,
    reply_code INTEGER,
    reply_text TEXT,
    first_attempt_at REAL,
    next_attempt_at REAL NOT NULL DEFAULT 0,
    updated_at TEXT,
    PRIMARY KEY (send_id, subscriber_id)
);
CREATE INDEX IF NOT EXISTS deliveries_due
    ON deliveries (send_id, state, next_attempt_at, subscriber_id);
CREATE TABLE IF NOT EXISTS used_tokens (
    digest TEXT PRIMARY KEY,
    used_at TEXT NOT NULL
);
PRAGMA user_version = 1;
