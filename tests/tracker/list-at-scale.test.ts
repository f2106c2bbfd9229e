import { test } from "uvu";
import * as assert from "uvu/assert";
import { withFixture } from "./fixture.ts";

const STATES = ["backlog", "ready", "in_progress", "in_review", "done", "cancelled"];

interface Seeded {
  id: string;
  project: "a" | "b";
  epic: boolean;
  state: string;
  priority: number;
  updated: number;
}

// Speed is measured by `npm run bench`; these tests check that the pages served at scale are right.
test("list_issues pages of 50 out of 20k issues hold the right items, order and totals", () =>
  withFixture((fx) => {
    const a = fx.project("Alpha");
    const b = fx.project("Beta");
    const epic = fx.op("create_epic", { project_id: a.id, name: "Big" });
    const rows: Seeded[] = [];
    fx.store.write((tx) => {
      for (let n = 1; n <= 20_000; n++) {
        const ts = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
        const row: Seeded = { id: `iss_seed${n}`, project: n % 2 === 0 ? "a" : "b", epic: n % 10 === 0, state: STATES[Math.floor(n / 2) % 6]!, priority: n % 5, updated: n };
        rows.push(row);
        tx.run(
          `INSERT INTO issues(id, project_id, epic_id, identifier, title, description, state, priority, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?)`,
          [row.id, row.project === "a" ? a.id : b.id, row.epic ? epic.id : null, `SEED-${n}`, `Seeded issue ${n}`, row.state, row.priority, ts, ts],
        );
      }
    });
    const newestFirst = (xs: Seeded[]) => [...xs].sort((x, y) => y.updated - x.updated);
    const cases: Array<[Record<string, unknown>, Seeded[]]> = [
      [{ project_id: a.id, state: "ready", limit: 50 }, newestFirst(rows.filter((r) => r.project === "a" && r.state === "ready"))],
      [{ state: "in_progress", limit: 50, offset: 100 }, newestFirst(rows.filter((r) => r.state === "in_progress")).slice(100)],
      [{ epic_id: epic.id, limit: 50 }, newestFirst(rows.filter((r) => r.epic))],
      [{ issue_type: "standard", project_id: b.id, state: "done", limit: 50 }, newestFirst(rows.filter((r) => r.project === "b" && r.state === "done"))],
    ];
    for (const [input, expected] of cases) {
      const page = fx.op("list_issues", input);
      assert.is(page.total, expected.length + Number(input.offset ?? 0), JSON.stringify(input));
      assert.equal(page.items.map((i: { id: string }) => i.id), expected.slice(0, 50).map((r) => r.id), JSON.stringify(input));
    }
    const byPriority = fx.op("list_issues", { project_id: a.id, sort: "priority_asc", limit: 50 });
    const priorities = byPriority.items.map((i: { priority: number }) => i.priority);
    assert.ok(priorities.every((p: number) => p === 1), `priority_asc puts priority 1 first, got ${priorities.join(",")}`);
  }));

test("list_issues counts match a full scan for label and blocked filters at scale", () =>
  withFixture((fx) => {
    const a = fx.project("Alpha");
    fx.store.write((tx) => {
      for (let n = 1; n <= 20_000; n++) {
        const ts = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
        tx.run(
          `INSERT INTO issues(id, project_id, identifier, title, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [`iss_s${n}`, a.id, `SEED-${n}`, `Seeded ${n}`, STATES[n % 6]!, ts, ts],
        );
        if (n % 7 === 0) tx.run(`INSERT INTO issue_labels(issue_id, label) VALUES (?, 'bug')`, [`iss_s${n}`]);
        if (n % 11 === 0) {
          tx.run(`INSERT INTO issue_blockers(issue_id, blocker_id, created_at) VALUES (?, ?, ?)`, [`iss_s${n}`, `iss_s${n - 1}`, ts]);
        }
      }
    });
    assert.is(fx.op("list_issues", { labels: ["BUG"], limit: 5 }).total, Math.floor(20_000 / 7));
    // Blockers n-1 of issues n % 11 == 0 are open unless (n-1) % 6 is 4 (done) or 5 (cancelled).
    let open = 0;
    for (let n = 11; n <= 20_000; n += 11) if (![4, 5].includes((n - 1) % 6)) open++;
    const blocked = fx.op("list_issues", { blocked: true, limit: 500 });
    assert.is(blocked.total, open);
    assert.ok(blocked.items.every((i: { is_blocked: boolean }) => i.is_blocked));
    assert.is(fx.op("list_issues", { blocked: false, limit: 1 }).total, 20_000 - open);
  }));

test.run();
