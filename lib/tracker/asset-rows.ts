// Reading issue asset rows; writing them is assets.ts's job.
import type { Query } from "../store/mod.ts";
import type { IssueAsset } from "./types.ts";

export const ASSET_COLUMNS = "id, issue_id, filename, content_type, byte_size, created_at";

/** An issue's assets, oldest first. */
export function loadAssets(q: Query, issueId: string): IssueAsset[] {
  return q.all<IssueAsset>(
    `SELECT ${ASSET_COLUMNS} FROM issue_assets WHERE issue_id = ? ORDER BY created_at, rowid`,
    [issueId],
  );
}
