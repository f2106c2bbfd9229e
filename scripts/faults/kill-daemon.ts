/**
 * kill -9 of the daemon while HTTP clients make 1,000 acknowledged writes:
 * every write the daemon answered 201 to is in the database afterwards, and
 * the file passes `PRAGMA integrity_check` right after each kill.
 */
import { caseDir, type Daemon, expect, type FaultCase, http, type Outcome, type RuntimeUnderTest, sleep, sqlite3, startDaemon } from "./harness.ts";

const TARGET = 1000;
const CLIENTS = 8;
/** Acknowledged-write counts at which the daemon is killed; the last kill comes after the target. */
const KILLS = [300, 700];

export function killDaemonCase(rt: RuntimeUnderTest): FaultCase {
  return {
    name: `kill -9 during ${TARGET} HTTP writes (${rt.name})`,
    run: () => killDuringWrites(rt),
  };
}

async function killDuringWrites(rt: RuntimeUnderTest): Promise<Outcome> {
  const tried = `${CLIENTS} clients POSTing issues until ${TARGET} were acknowledged, daemon killed -9 at ${KILLS.join(" and ")} acks and after the last`;
  const { db, repo, cleanup } = caseDir("kill");
  let daemon: Daemon | undefined = await startDaemon(rt, db);
  try {
    let url: string | undefined = daemon.url;
    const made = await http(`${url}/api/v1/app/projects`, "POST", { name: "Kill", repo_path: repo });
    expect(made.status === 201, tried, `project create answered ${made.status}: ${made.text.slice(0, 200)}`);
    const acked = new Set<string>();
    let failedWrites = 0;
    let next = 0;
    let done = false;
    const client = async () => {
      while (!done && acked.size < TARGET) {
        const target = url;
        if (!target) {
          await sleep(20);
          continue;
        }
        const title = `ack-${next++}`;
        try {
          const r = await http(`${target}/api/v1/app/issues`, "POST", { project_id: "Kill", title });
          if (r.status === 201) acked.add(title);
          else if (r.status >= 500) throw new Error(`${r.status} ${r.text.slice(0, 200)}`);
        } catch (err) {
          // The daemon is up: a real failure. fetch's own message ("fetch failed") hides the cause.
          if (target === url && daemon?.child.exitCode === null && daemon.child.signalCode === null) {
            const cause = (err as { cause?: { code?: string; message?: string } }).cause;
            throw new Error(`POST ${target}/api/v1/app/issues with the daemon up: ${(err as Error).message}${cause ? ` (${cause.code ?? ""} ${cause.message ?? ""})` : ""} after ${acked.size} acks`);
          }
          failedWrites++;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    const integrity: string[] = [];
    const killNow = async () => {
      url = undefined;
      await daemon!.kill();
      const check = sqlite3(db, "PRAGMA integrity_check").stdout;
      integrity.push(check);
      expect(check === "ok", tried, `integrity_check after kill -9 at ${acked.size} acks: ${check}`);
    };
    const clientsDone = Promise.all(clients);
    for (const at of KILLS) {
      while (acked.size < at) await Promise.race([sleep(5), clientsDone]);
      await killNow();
      daemon = await startDaemon(rt, db);
      url = daemon.url;
    }
    await clientsDone;
    done = true;
    await killNow();
    daemon = await startDaemon(rt, db);
    const status = await http(`${daemon.url}/api/v1/app/issues?limit=1`);
    expect(status.status === 200, tried, `after the last restart GET issues answered ${status.status}`);
    expect((await daemon.stop()) === 0, tried, `the last daemon did not stop cleanly: ${daemon.stderr()}`);
    daemon = undefined;
    const rows = sqlite3(db, "SELECT title FROM issues");
    const present = new Set(rows.stdout.split("\n"));
    const lost = [...acked].filter((t) => !present.has(t));
    const check = sqlite3(db, "PRAGMA integrity_check").stdout;
    expect(lost.length === 0, tried, `${lost.length} of ${acked.size} acknowledged writes lost (e.g. ${lost.slice(0, 3).join(", ")})`);
    expect(check === "ok", tried, `integrity_check after the final stop: ${check}`);
    return {
      tried,
      found: `all ${acked.size} acknowledged writes present after 3 kills (${failedWrites} unacknowledged attempts refused during restarts, ${present.size} rows), integrity_check ok ${integrity.length + 1} times`,
    };
  } finally {
    await daemon?.kill();
    cleanup();
  }
}
