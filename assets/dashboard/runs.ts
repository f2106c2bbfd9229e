// The orchestrator's running issues by identifier, for live badges and token counts.
import { api } from "./api.ts";
import { useResource } from "./live.ts";
import type { RunningView, RuntimeSnapshot } from "./types.ts";

export function useRuns() {
  return useResource(async () => {
    const s = await api.get<{ orchestrator: RuntimeSnapshot | { status: string } }>("/api/v1/state");
    const runs = "running" in s.orchestrator ? s.orchestrator.running : [];
    return new Map<string, RunningView>(runs.map((r) => [r.identifier, r]));
  }, [], ["runtime"]);
}
