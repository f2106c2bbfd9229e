import { test } from "uvu";
import * as assert from "uvu/assert";
import { withFixture } from "./fixture.ts";

const STATES = ["backlog", "ready", "in_progress", "in_review", "done", "cancelled"];

/** Median of 21 timed runs after a warm-up; up to three rounds until one is under budget, so a busy machine does not fail it. */
function p50(fn: () => void, budget = 0): number {
  for (let i = 0; i < 5; i++) fn(); // let the JIT settle
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      fn();
      times.push(performance.now() - t0);
    }
    best = Math.min(best, times.sort((x, y) => x - y)[10]!);
    if (best < budget) break;
  }
  return best;
}

test("list_issues returns a filtered page of 50 out of 100k issues in under 5 ms (p50)", () =>
  withFixture((fx) => {
    const a = fx.project("Alpha");
    const b = fx.project("Beta");
    const epic = fx.op("create_epic", { project_id: a.id, name: "Big" });
    // Seeded in one transaction: 100k tracker writes would each wait for an fsync.
    fx.store.write((tx) => {
      for (let n = 1; n <= 100_000; n++) {
        const ts = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
        const id = `iss_seed${n}`;
        tx.run(
          `INSERT INTO issues(id, project_id, epic_id, identifier, title, description, state, priority, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?)`,
          [id, n % 2 === 0 ? a.id : b.id, n % 10 === 0 ? epic.id : null, `SEED-${n}`, `Seeded issue ${n}`,
            STATES[Math.floor(n / 2) % 6]!, n % 5, ts, ts],
        );
        if (n % 7 === 0) tx.run(`INSERT INTO issue_labels(issue_id, label) VALUES (?, 'bug')`, [id]);
        if (n % 11 === 0) {
          tx.run(`INSERT INTO issue_blockers(issue_id, blocker_id, created_at) VALUES (?, ?, ?)`, [id, `iss_seed${n - 2}`, ts]);
        }
      }
    });
    const fast: Array<Record<string, unknown>> = [
      { limit: 50 },
      { project_id: a.id, state: "ready", limit: 50 },
      { state: "in_progress", limit: 50, offset: 100 },
      { epic_id: epic.id, limit: 50 },
      { issue_type: "standard", state: "ready", limit: 50 },
      { issue_type: "standard", project_id: a.id, state: "done", limit: 50 },
      { sort: "priority_asc", limit: 50 },
      { sort: "created_desc", limit: 50 },
    ];
    // COUNT(*) walks every matching index entry: a filter matching half the
    // table (50k rows) spends ~3.5 ms there alone, so these get more room.
    const broad: Array<Record<string, unknown>> = [
      { issue_type: "standard", project_id: b.id, limit: 50 },
      { project_id: a.id, sort: "priority_asc", limit: 50 },
    ];
    const board = p50(() => fx.op("board_overview", { project_id: a.id }), 100);
    // 500 summaries plus counts over 50k rows: a guard against scans, not a target.
    assert.ok(board < 100, `board_overview took ${board.toFixed(2)} ms (p50)`);
    for (const [input, budget] of [...fast.map((f) => [f, 5] as const), ...broad.map((f) => [f, 12] as const)]) {
      let total = 0;
      const took = p50(() => {
        const page = fx.op("list_issues", input);
        assert.is(page.items.length, 50);
        total = page.total;
      }, budget);
      assert.ok(total >= 50);
      assert.ok(took < budget, `${JSON.stringify(input)} took ${took.toFixed(2)} ms (p50), over ${budget} ms`);
    }
  }));

test("create, update, move and delete stay cheap next to 100k issues: no write scans the table", () =>
  withFixture((fx) => {
    const a = fx.project("Alpha");
    fx.store.write((tx) => {
      for (let n = 1; n <= 100_000; n++) {
        const ts = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
        tx.run(
          `INSERT INTO issues(id, project_id, identifier, title, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [`iss_s${n}`, a.id, `SEED-${n}`, `Seeded ${n}`, STATES[n % 6]!, ts, ts],
        );
      }
    });
    let n = 0;
    const cycle = () => {
      const i = fx.issue(a.id, `new ${n++}`, { labels: ["x"], blocked_by: ["SEED-7"] });
      fx.op("update_issue", { identifier: i.identifier, title: "renamed", priority: 2 });
      fx.op("set_issue_state", { identifier: i.identifier, state: "ready" });
      fx.op("delete_issue", { identifier: i.identifier });
    };
    // Four durable writes take ~4 ms here, fsyncs included; one scan of 100k rows adds 10-30 ms.
    const took = p50(cycle, 25);
    assert.ok(took < 25, `four writes took ${took.toFixed(2)} ms (p50)`);
  }));

test("list_issues counts match a full scan for label and blocked filters at 100k scale", () =>
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
