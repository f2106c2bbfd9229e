import { suite } from "uvu";
import * as assert from "uvu/assert";
import { nextCronRun, parseCron } from "../../lib/tracker/mod.ts";
import { throwsCode } from "./fixture.ts";

const test = suite("tracker cron");

/** Next run after a local wall-clock time, as a local "YYYY-MM-DD HH:MM (Day)" string. */
function next(expr: string, after: Date): string {
  const t = nextCronRun(parseCron(expr), after);
  if (!t) return "never";
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][t.getDay()];
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())} (${day})`;
}

// Monday 2 March 2026, 09:30:20 local time.
const MON = new Date(2026, 2, 2, 9, 30, 20);

test("parseCron normalizes whitespace and reads numbers, ranges, steps, lists and names", () => {
  const s = parseCron("  */15   9-17 *  jan,JUL mon-fri ");
  assert.is(s.source, "*/15 9-17 * jan,JUL mon-fri");
  assert.equal([...s.minutes], [0, 15, 30, 45]);
  assert.equal([...s.hours], [9, 10, 11, 12, 13, 14, 15, 16, 17]);
  assert.equal([...s.months], [1, 7]);
  assert.equal([...s.weekdays], [1, 2, 3, 4, 5]);
  assert.equal([...parseCron("5/20 0 1 * 7").minutes], [5, 25, 45]);
  assert.equal([...parseCron("0 0 * * 7").weekdays], [0], "7 is Sunday");
  assert.equal([...parseCron("0 0-12/6 * * *").hours], [0, 6, 12]);
});

test("parseCron refuses malformed fields, naming the field and the value", () => {
  throwsCode(() => parseCron("* * * *"), "invalid_input", /Invalid cron "\* \* \* \*": expected 5 fields, got 4/);
  throwsCode(() => parseCron("60 * * * *"), "invalid_input", /minute field has 60, outside 0-59/);
  throwsCode(() => parseCron("0 24 * * *"), "invalid_input", /hour field has 24, outside 0-23/);
  throwsCode(() => parseCron("0 0 0 * *"), "invalid_input", /day-of-month field has 0, outside 1-31/);
  throwsCode(() => parseCron("0 0 * 13 *"), "invalid_input", /month field has 13/);
  throwsCode(() => parseCron("0 0 * * 8"), "invalid_input", /day-of-week field has 8/);
  throwsCode(() => parseCron("*/0 * * * *"), "invalid_input", /step "0", expected a positive number/);
  throwsCode(() => parseCron("5-1 * * * *"), "invalid_input", /range "5-1" running backwards/);
  throwsCode(() => parseCron("a * * * *"), "invalid_input", /minute field has "a", not a number/);
  throwsCode(() => parseCron("1,,2 * * * *"), "invalid_input", /malformed part ""/);
  throwsCode(() => parseCron("@daily"), "invalid_input", /expected 5 fields, got 1/);
});

test("nextCronRun finds the next whole minute strictly after the given time", () => {
  assert.is(next("* * * * *", MON), "2026-03-02 09:31 (Mon)");
  assert.is(next("30 9 * * *", MON), "2026-03-03 09:30 (Tue)");
  assert.is(next("*/15 * * * *", MON), "2026-03-02 09:45 (Mon)");
  assert.is(next("0 9 * * 1-5", new Date(2026, 2, 6, 10, 0)), "2026-03-09 09:00 (Mon)");
  assert.is(next("0 0 1 * *", MON), "2026-04-01 00:00 (Wed)");
  assert.is(next("0 12 * feb *", MON), "2027-02-01 12:00 (Mon)");
  assert.is(next("0 0 31 * *", new Date(2026, 3, 1)), "2026-05-31 00:00 (Sun)");
});

test("nextCronRun ORs day-of-month and day-of-week when both are restricted, like Vixie cron", () => {
  // The 15th, or any Friday.
  assert.is(next("0 8 15 * fri", MON), "2026-03-06 08:00 (Fri)");
  assert.is(next("0 8 15 * fri", new Date(2026, 2, 13, 9)), "2026-03-15 08:00 (Sun)");
  // A `*` day field means only the other one counts.
  assert.is(next("0 8 * * fri", MON), "2026-03-06 08:00 (Fri)");
  assert.is(next("0 8 15 * *", MON), "2026-03-15 08:00 (Sun)");
  // `*/2` also starts with a star, so both must match (robfig/Vixie rule).
  assert.is(next("0 8 */2 * fri", MON), "2026-03-13 08:00 (Fri)");
});

test("nextCronRun handles leap days and reports schedules that never run", () => {
  assert.is(next("0 0 29 2 *", MON), "2028-02-29 00:00 (Tue)");
  assert.is(next("0 0 30 2 *", MON), "never");
});

test("nextCronRun evaluates in local time and steps over a DST gap", () => {
  const saved = process.env.TZ;
  process.env.TZ = "America/New_York";
  try {
    // 8 March 2026: clocks jump from 02:00 to 03:00 in New York.
    const after = new Date(2026, 2, 8, 0, 30);
    assert.is(next("30 2 * * *", after), "2026-03-09 02:30 (Mon)");
    assert.is(next("0 9 * * *", after), "2026-03-08 09:00 (Sun)");
    assert.is(nextCronRun(parseCron("0 9 * * *"), after)?.toISOString(), "2026-03-08T13:00:00.000Z");
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});

test.run();
