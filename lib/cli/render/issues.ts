import type { IssueDetail, IssueSummary } from "../../tracker/mod.ts";
import type { Printer } from "../printer.ts";
import { cell, formatBytes, named } from "./cells.ts";

/** Issues as a table: IDENTIFIER STATE PRIORITY TITLE, or with `wide` TYPE PROJECT EPIC BLOCKED LABELS too. */
export function printIssueTable(out: Printer, issues: IssueSummary[], wide: boolean): void {
  if (wide) {
    out.table(
      ["IDENTIFIER", "TYPE", "STATE", "PRIORITY", "PROJECT", "EPIC", "BLOCKED", "LABELS", "TITLE"],
      issues.map((i) => [
        i.identifier,
        i.issue_type,
        i.state,
        i.priority ?? 0,
        cell(i.project_name),
        cell(i.epic_name),
        i.is_blocked ? i.blocked_by.join(",") : "no",
        i.labels.length ? i.labels.join(",") : "-",
        i.title,
      ]),
    );
  } else {
    out.table(["IDENTIFIER", "STATE", "PRIORITY", "TITLE"], issues.map((i) => [i.identifier, i.state, i.priority ?? 0, i.title]));
  }
}

/** One issue as key/value fields; absent values are left out. */
export function printIssueFields(out: Printer, issue: IssueDetail): void {
  const recurring = issue.issue_type === "recurring";
  out.fields([
    ["Identifier", issue.identifier],
    ["ID", issue.id],
    ["Title", issue.title],
    ["Type", issue.issue_type],
    ["State", issue.state],
    ["Phase", issue.workflow_phase],
    ["Priority", issue.priority ?? 0],
    ["Project", named(issue.project_name, issue.project_id)],
    ["Epic", named(issue.epic_name, issue.epic_id)],
    ["Description", issue.description],
    ["Labels", issue.labels.join(", ")],
    ["Agent", issue.agent_name],
    ["Agent Prompt", issue.agent_prompt],
    ["Permission Profile", issue.permission_profile],
    ["Branch", issue.branch_name],
    ["PR", issue.pr_url],
    ["Blocked By", issue.blocked_by.length ? `${issue.blocked_by.join(", ")}${issue.is_blocked ? "" : " (all resolved)"}` : undefined],
    ["Cron", recurring ? issue.cron : undefined],
    ["Schedule", recurring ? (issue.enabled ? "enabled" : "disabled") : undefined],
    ["Next Run", recurring ? issue.next_run_at : undefined],
    ["Started", issue.started_at],
    ["Completed", issue.completed_at],
    ["Created", issue.created_at],
    ["Updated", issue.updated_at],
    ["Assets", issue.assets.length ? `${issue.assets.length} attached` : undefined],
    ...issue.assets.map((a): [string, string] => ["Asset", `${a.id} ${a.filename} (${formatBytes(a.byte_size)}, ${a.content_type})`]),
  ]);
}
