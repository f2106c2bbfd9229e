// The full view of one issue: its summary plus description, agent fields,
// schedule, timestamps, assets and comment count.
import type { Query } from "../store/mod.ts";
import { loadAssets } from "./asset-rows.ts";
import { loadSummary } from "./issue-summaries.ts";
import { loadRecurrence } from "./recurrence.ts";
import type { IssueDetail } from "./types.ts";
import type { PermissionProfile } from "./vocabulary.ts";

interface DetailRow {
  description: string;
  agent_name: string | null;
  agent_prompt: string | null;
  permission_profile: PermissionProfile;
  started_at: string | null;
  completed_at: string | null;
  comment_count: number;
}

/** Loads an issue known to exist (callers resolved it first); throws TypeError otherwise. */
export function loadDetail(q: Query, issueId: string): IssueDetail {
  const summary = loadSummary(q, issueId);
  const row = q.get<DetailRow>(
    `SELECT description, agent_name, agent_prompt, permission_profile, started_at, completed_at,
       (SELECT COUNT(*) FROM issue_comments c WHERE c.issue_id = issues.id AND c.deleted_at IS NULL) AS comment_count
     FROM issues WHERE id = ?`,
    [issueId],
  );
  if (!summary || !row) throw new TypeError(`issue ${issueId} vanished inside its own transaction`);
  const schedule = loadRecurrence(q, issueId);
  return {
    ...summary,
    ...row,
    cron: schedule?.cron ?? null,
    enabled: schedule ? schedule.enabled === 1 : null,
    next_run_at: schedule?.next_run_at ?? null,
    last_enqueued_at: schedule?.last_enqueued_at ?? null,
    pending_rerun: schedule ? schedule.pending_rerun === 1 : null,
    assets: loadAssets(q, issueId),
  };
}
