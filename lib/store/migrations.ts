/**
 * Maestro's schema, one version per step (inventory §4.2). Version 1 is the
 * whole schema the tracker needs, plus the empty tables later work fills
 * (workspaces, runtime_events, issue_execution_sessions), so there is one v1.
 *
 * Every statement is deterministic: the journal replays them, so ids and
 * timestamps arrive as bound parameters, never from datetime('now') or random().
 */
import type { Migration, Tx } from "./types.ts";

const V1_TABLES = [
  `CREATE TABLE store_metadata (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  )`,
  `CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'stopped' CHECK (state IN ('stopped', 'running')),
    permission_profile TEXT NOT NULL DEFAULT 'default',
    repo_path TEXT NOT NULL DEFAULT '',
    workflow_path TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE TABLE epics (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE TABLE issues (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    epic_id TEXT REFERENCES epics(id) ON DELETE SET NULL,
    identifier TEXT NOT NULL UNIQUE,
    issue_type TEXT NOT NULL DEFAULT 'standard' CHECK (issue_type IN ('standard', 'recurring')),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'backlog'
      CHECK (state IN ('backlog', 'ready', 'in_progress', 'in_review', 'done', 'cancelled')),
    workflow_phase TEXT NOT NULL DEFAULT 'implementation'
      CHECK (workflow_phase IN ('implementation', 'review', 'done', 'complete')),
    priority INTEGER NOT NULL DEFAULT 0 CHECK (priority >= 0),
    permission_profile TEXT NOT NULL DEFAULT 'default',
    agent_name TEXT,
    agent_prompt TEXT,
    branch_name TEXT,
    pr_url TEXT,
    total_tokens_spent INTEGER NOT NULL DEFAULT 0,
    started_at TEXT,
    completed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE TABLE issue_recurrences (
    issue_id TEXT PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE,
    cron TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    next_run_at TEXT,
    last_enqueued_at TEXT,
    pending_rerun INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE TABLE issue_labels (
    issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    PRIMARY KEY (issue_id, label)
  )`,
  // The blocker's id, not its identifier: identifiers may be renamed, ids never are.
  `CREATE TABLE issue_blockers (
    issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    blocker_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (issue_id, blocker_id),
    CHECK (issue_id <> blocker_id)
  )`,
  `CREATE TABLE issue_assets (
    id TEXT PRIMARY KEY,
    issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    byte_size INTEGER NOT NULL,
    storage_path TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE TABLE issue_comments (
    id TEXT PRIMARY KEY,
    issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    parent_comment_id TEXT REFERENCES issue_comments(id) ON DELETE CASCADE,
    body TEXT NOT NULL DEFAULT '',
    author_type TEXT NOT NULL,
    author_name TEXT NOT NULL,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  `CREATE TABLE issue_comment_attachments (
    id TEXT PRIMARY KEY,
    comment_id TEXT NOT NULL REFERENCES issue_comments(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    byte_size INTEGER NOT NULL,
    storage_path TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`,
  `CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  )`,
  `CREATE TABLE change_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL,
    event_ts TEXT NOT NULL,
    payload_json TEXT NOT NULL DEFAULT '{}'
  )`,
  `CREATE TABLE workspaces (
    issue_id TEXT PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_run_at TEXT,
    run_count INTEGER NOT NULL DEFAULT 0
  )`,
  `CREATE TABLE runtime_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    issue_id TEXT,
    identifier TEXT,
    title TEXT,
    attempt INTEGER,
    delay_type TEXT,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    total_tokens INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    event_ts TEXT NOT NULL,
    payload_json TEXT NOT NULL DEFAULT '{}'
  )`,
  `CREATE TABLE issue_execution_sessions (
    issue_id TEXT PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE,
    identifier TEXT NOT NULL,
    phase TEXT NOT NULL DEFAULT '',
    attempt INTEGER NOT NULL DEFAULT 0,
    run_kind TEXT NOT NULL DEFAULT '',
    error TEXT,
    resume_eligible INTEGER NOT NULL DEFAULT 0,
    stop_reason TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    session_json TEXT NOT NULL DEFAULT '{}'
  )`,
];

// Each list filter and sort of list_issues has an index whose trailing
// updated_at (and implicit rowid) serves the default updated_desc order.
const V1_INDEXES = [
  `CREATE UNIQUE INDEX projects_repo_path ON projects(repo_path) WHERE repo_path <> ''`,
  `CREATE INDEX epics_project ON epics(project_id, name)`,
  `CREATE INDEX issues_updated ON issues(updated_at)`,
  `CREATE INDEX issues_created ON issues(created_at)`,
  `CREATE INDEX issues_state ON issues(state, updated_at)`,
  `CREATE INDEX issues_project ON issues(project_id, updated_at)`,
  `CREATE INDEX issues_project_state ON issues(project_id, state, updated_at)`,
  `CREATE INDEX issues_epic ON issues(epic_id, updated_at)`,
  `CREATE INDEX issues_type ON issues(issue_type, updated_at)`,
  `CREATE INDEX issues_type_state ON issues(issue_type, state, updated_at)`,
  `CREATE INDEX issues_project_type ON issues(project_id, issue_type, updated_at)`,
  `CREATE INDEX issues_project_type_state ON issues(project_id, issue_type, state, updated_at)`,
  `CREATE INDEX issues_priority ON issues(priority = 0, priority, created_at)`,
  `CREATE INDEX issues_project_priority ON issues(project_id, priority = 0, priority, created_at)`,
  `CREATE INDEX issue_recurrences_due ON issue_recurrences(enabled, next_run_at)`,
  `CREATE INDEX issue_labels_label ON issue_labels(label, issue_id)`,
  `CREATE INDEX issue_blockers_blocker ON issue_blockers(blocker_id)`,
  `CREATE INDEX issue_assets_issue ON issue_assets(issue_id, created_at)`,
  `CREATE INDEX issue_comments_issue ON issue_comments(issue_id, parent_comment_id, created_at)`,
  `CREATE INDEX issue_comments_parent ON issue_comments(parent_comment_id)`,
  `CREATE INDEX issue_comment_attachments_comment ON issue_comment_attachments(comment_id)`,
  `CREATE INDEX change_events_ts ON change_events(event_ts)`,
  `CREATE INDEX runtime_events_ts ON runtime_events(event_ts)`,
  `CREATE INDEX runtime_events_kind ON runtime_events(kind)`,
  `CREATE INDEX runtime_events_issue ON runtime_events(issue_id)`,
];

function storeId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `store_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function createV1(tx: Tx): void {
  for (const sql of [...V1_TABLES, ...V1_INDEXES]) tx.run(sql);
  // Bound, not computed in SQL, so a journal replay yields the same id.
  tx.run(`INSERT INTO store_metadata(key, value) VALUES ('store_id', ?)`, [storeId()]);
}

/** Schema steps in version order; openStore applies the ones past PRAGMA user_version. */
export const migrations: Migration[] = [
  { version: 1, name: "tracker schema: projects, epics, issues, comments, assets, events", up: createV1 },
  {
    version: 2,
    name: "dispatch index: the scheduler finds done issues with a pending done phase without reading every done issue",
    up: (tx) => void tx.run(`CREATE INDEX issues_state_phase ON issues(state, workflow_phase)`),
  },
];
