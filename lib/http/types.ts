// What createHttpApp needs and what it hands the runtime's serve(). The
// WebSocket interfaces are structural copies of lib/runtime's contract
// (Issue 4), kept here until runtime/ exports them; any adapter that fits
// the contract fits these.
import type { EventBus } from "../events/mod.ts";
import type { CacheLimits } from "../events/mod.ts";
import type { Orchestrator } from "../orchestrator/mod.ts";
import type { Tracker } from "../tracker/mod.ts";

/** Who is on the other end of a request (from the runtime adapter). */
export interface ConnectionInfo {
  remoteAddress: string;
}

/** One accepted WebSocket, as the runtime adapter presents it. */
export interface WebSocketConnection {
  send(text: string): void;
  close(code?: number, reason?: string): void;
  readonly bufferedAmount: number;
}

/** The callbacks an accepted upgrade hands the runtime adapter. */
export interface WebSocketHandlers {
  onOpen?(ws: WebSocketConnection): void;
  onMessage?(ws: WebSocketConnection, text: string): void;
  onClose?(ws: WebSocketConnection, code: number): void;
}

export type FetchHandler = (req: Request, info: ConnectionInfo) => Response | Promise<Response>;
export type UpgradeHandler = (
  req: Request,
  info: ConnectionInfo,
) => WebSocketHandlers | Response | Promise<WebSocketHandlers | Response>;

/** The daemon facts /health and /api/v1/state report. */
export interface DaemonInfo {
  version: string;
  pid: number;
  db_path: string;
  started_at: string;
}

export interface HttpDeps {
  tracker: Tracker;
  bus: EventBus;
  info: DaemonInfo;
  /** When set, every /api request and the WebSocket need `Authorization: Bearer <apiToken>`. */
  apiToken?: string;
  /** Always required (Authorization: Bearer) on POST /api/v1/ops. */
  opsToken: string;
  /** Host header values accepted, e.g. "127.0.0.1:8787", "localhost:8787". */
  allowedHosts: string[];
  /** The orchestrator: its snapshot in /api/v1/state and its operations (sessions, execution, retry, interrupts). */
  orchestrator?: Orchestrator;
  /** Each project's WORKFLOW.md health (GET /api/v1/state `workflows`), re-checked on each call. */
  workflows?(): unknown[];
  /** Starts dispatch for a project (absent: set_project_state running). */
  projectRun?(id: string): unknown;
  /** Stops dispatch for a project (absent: set_project_state stopped). */
  projectStop?(id: string): unknown;
  /** Hears unexpected exceptions (answered as 500); bad input never gets here. */
  onError?(err: unknown, req: Request): void;
  /** The clock for generated_at, uptime and WebSocket messages (tests fix it). */
  now?: () => Date;
  /** Bounds of the cache of read answers (defaults: 256 entries, 16 MiB). */
  cache?: CacheLimits;
}

export interface HttpApp {
  fetch: FetchHandler;
  upgrade: UpgradeHandler;
}
