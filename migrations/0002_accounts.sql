-- Projection of AccountCreated / AccountUpdated / AccountDeleted events (src/iam/accounts.projection.ts):
-- the current IAM accounts, root excepted (root is configured, never stored). Derived data:
-- EventStore.rebuildProjections() empties and refills it from the events table.

CREATE TABLE accounts (
  access      TEXT PRIMARY KEY,
  secret      TEXT NOT NULL,
  -- No CHECK on the role list: the store validates roles, and a CHECK would force a table
  -- rebuild in a migration whenever a role is added.
  role        TEXT NOT NULL,
  user_id     INTEGER,
  group_id    INTEGER,
  project_id  INTEGER,
  -- The events that created and last changed the row, to trace an account back to its requests.
  created_seq INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_seq INTEGER NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
