import { unavailable } from "../../errors.ts";
import { type Discovery, findDaemon } from "../../daemon/mod.ts";
import { connectWebSocket } from "../../runtime/mod.ts";
import { resolveDbPath } from "../../store/mod.ts";
import type { CommandContext, CommandSpec } from "../command.ts";
import { intFlag } from "../flag-input.ts";

interface RuntimeEvent {
  seq: number;
  kind: string;
  ts?: string;
  identifier?: string;
  message?: string;
}

interface EventPage {
  since: number;
  last_seq: number;
  events: RuntimeEvent[];
}

function liveDaemon(ctx: CommandContext): Discovery {
  const db = resolveDbPath(ctx.runtime, ctx.global.db);
  const daemon = findDaemon(ctx.runtime, db);
  if (!daemon) throw unavailable(`No live Maestro daemon for "${db}"`, `start it with: maestro run --db ${db}`);
  return daemon;
}

async function fetchEvents(daemon: Discovery, since: number, limit: number): Promise<EventPage> {
  const res = await fetch(`${daemon.url}/api/v1/events?since=${since}&limit=${limit}`);
  const body = (await res.json()) as EventPage & { error?: { message: string } };
  if (!res.ok) throw unavailable(`The daemon refused the event list: ${body.error?.message ?? res.status}`);
  return body;
}

function printEvents(ctx: CommandContext, events: RuntimeEvent[]): void {
  for (const e of events) {
    if (ctx.global.json) ctx.out.line(JSON.stringify(e));
    else ctx.out.line([String(e.seq).padStart(5), e.ts ?? "", e.kind.padEnd(20), e.identifier ?? "", e.message ?? ""].join("  ").trimEnd());
  }
}

/** `maestro events [--follow]`: the live daemon's runtime events; --follow waits on the WebSocket stream. */
export const eventsCommand: CommandSpec = {
  name: "events",
  summary: "List the live daemon's runtime events (--follow keeps printing new ones)",
  longRunning: true,
  flags: [
    { name: "since", type: "int", value: "SEQ", description: "only events after this sequence number", defaultText: "0" },
    { name: "limit", type: "int", value: "N", description: "how many events at most", defaultText: "100" },
    { name: "follow", type: "boolean", description: "keep printing new events until interrupted" },
  ],
  async run(ctx) {
    const daemon = liveDaemon(ctx);
    const limit = intFlag(ctx, "limit") ?? 100;
    let since = intFlag(ctx, "since") ?? 0;
    const first = await fetchEvents(daemon, since, limit);
    if (!ctx.flags.follow) {
      if (ctx.global.json) ctx.out.json(first);
      else if (first.events.length === 0) ctx.out.line("No events");
      else printEvents(ctx, first.events);
      return;
    }
    printEvents(ctx, first.events);
    since = Math.max(since, first.last_seq);
    return await new Promise<number>((resolve, reject) => {
      let busy = Promise.resolve();
      const pull = () => {
        busy = busy.then(async () => {
          const page = await fetchEvents(daemon, since, 500);
          printEvents(ctx, page.events);
          since = Math.max(since, page.last_seq);
        }).catch(() => {});
      };
      connectWebSocket(`${daemon.url.replace(/^http/, "ws")}/api/v1/ws`, {}, {
        onMessage: (text) => {
          if ((JSON.parse(text) as { type?: string }).type === "invalidate") pull();
        },
        onClose: (reason) => {
          ctx.runtime.stderr.write(`maestro: The daemon closed the event stream: ${reason}\n`);
          resolve(1);
        },
      }).then((socket) => {
        pull(); // whatever happened between the first page and the subscription
        const stop = () => {
          socket.close();
          resolve(0);
        };
        ctx.runtime.onSignal("SIGINT", stop);
        ctx.runtime.onSignal("SIGTERM", stop);
      }, (err: Error) => reject(unavailable(`Cannot follow events at ${daemon.url}: ${err.message}`)));
    });
  },
};
