// Five-field cron (minute hour day-of-month month day-of-week), as robfig/cron
// parses it for the Go Maestro: numbers, ranges, steps, lists, `*`, month and
// weekday names, 7 = Sunday. Like Vixie cron, when both day fields are
// restricted a day matches either; when one starts with `*`, both must match.
// Schedules are evaluated in the host's local time zone.
import { invalidInput } from "../errors.ts";

export interface CronSchedule {
  /** The expression with whitespace normalized, as stored. */
  source: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
  dayStar: boolean;
  weekdayStar: boolean;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const FIELDS: readonly FieldSpec[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day-of-week", min: 0, max: 7, names: WEEKDAYS },
];
const HINT = `use five fields "minute hour day-of-month month day-of-week", e.g. "0 9 * * 1-5" for 09:00 on weekdays`;

function fail(source: string, detail: string): never {
  throw invalidInput(`Invalid cron "${source}": ${detail}`, HINT);
}

function parseValue(source: string, spec: FieldSpec, token: string): number {
  const named = spec.names?.indexOf(token.toLowerCase()) ?? -1;
  if (named >= 0) return spec.name === "month" ? named + 1 : named;
  if (!/^\d+$/.test(token)) fail(source, `${spec.name} field has "${token}", not a number`);
  const value = Number(token);
  if (value < spec.min || value > spec.max) {
    fail(source, `${spec.name} field has ${value}, outside ${spec.min}-${spec.max}`);
  }
  return value;
}

function parsePart(source: string, spec: FieldSpec, part: string, into: Set<number>): void {
  const [range = "", stepText, extra] = part.split("/");
  if (extra !== undefined || range === "") fail(source, `${spec.name} field has a malformed part "${part}"`);
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) === 0) fail(source, `${spec.name} field has step "${stepText}", expected a positive number`);
    step = Number(stepText);
  }
  let low: number;
  let high: number;
  if (range === "*") [low, high] = [spec.min, spec.max];
  else if (range.includes("-")) {
    const [a = "", b = ""] = range.split("-", 2);
    [low, high] = [parseValue(source, spec, a), parseValue(source, spec, b)];
    if (low > high) fail(source, `${spec.name} field has range "${range}" running backwards`);
  } else {
    low = parseValue(source, spec, range);
    high = stepText === undefined ? low : spec.max;
  }
  for (let v = low; v <= high; v += step) into.add(spec.name === "day-of-week" && v === 7 ? 0 : v);
}

function parseField(source: string, spec: FieldSpec, field: string): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(",")) parsePart(source, spec, part, values);
  return values;
}

/** Parses a five-field cron expression; throws invalid_input naming the bad field. */
export function parseCron(expression: string): CronSchedule {
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  const source = fields.join(" ");
  if (fields.length !== 5) fail(source, `expected 5 fields, got ${fields.length}`);
  const [minutes, hours, days, months, weekdays] = FIELDS.map((spec, n) => parseField(source, spec, fields[n]!));
  return {
    source,
    minutes: minutes!,
    hours: hours!,
    days: days!,
    months: months!,
    weekdays: weekdays!,
    dayStar: fields[2]!.startsWith("*"),
    weekdayStar: fields[4]!.startsWith("*"),
  };
}

function dayMatches(s: CronSchedule, t: Date): boolean {
  const dom = s.days.has(t.getDate());
  const dow = s.weekdays.has(t.getDay());
  return s.dayStar || s.weekdayStar ? dom && dow : dom || dow;
}

const MINUTE = 60_000;
const SEARCH_LIMIT_MS = 5 * 366 * 24 * 60 * MINUTE;

/**
 * The first whole minute strictly after `after` that the schedule matches,
 * in local time; null when none falls within five years (e.g. "0 0 30 2 *").
 */
export function nextCronRun(s: CronSchedule, after: Date): Date | null {
  const limit = after.getTime() + SEARCH_LIMIT_MS;
  let t = new Date(Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE);
  while (t.getTime() <= limit) {
    if (!s.months.has(t.getMonth() + 1)) {
      t = new Date(t.getFullYear(), t.getMonth() + 1, 1, 0, 0);
    } else if (!dayMatches(s, t)) {
      t = new Date(t.getFullYear(), t.getMonth(), t.getDate() + 1, 0, 0);
    } else if (!s.hours.has(t.getHours())) {
      // Step in absolute time to the next hour, so a DST jump cannot loop.
      t = new Date(t.getTime() + (60 - t.getMinutes()) * MINUTE);
    } else if (!s.minutes.has(t.getMinutes())) {
      t = new Date(t.getTime() + MINUTE);
    } else {
      return t;
    }
  }
  return null;
}
