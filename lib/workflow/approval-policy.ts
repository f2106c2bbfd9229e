// codex.approval_policy: a policy name (dashed or underscored) or Codex's
// per-category map under `granular` (or its older spelling `reject`).
import { isMap, type Setting } from "./setting.ts";
import { bool } from "./setting-readers.ts";
import type { ApprovalPolicy, ApprovalPolicyName, GranularApproval } from "./types.ts";

export const APPROVAL_POLICY_NAMES: readonly ApprovalPolicyName[] = ["never", "on-request", "on-failure", "untrusted"];

/** What Maestro asks Codex for when the file says nothing: approvals queue in the dashboard. */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  granular: { sandbox_approval: true, rules: true, mcp_elicitations: true, request_permissions: false },
};

const REQUIRED_FLAGS = ["sandbox_approval", "rules", "mcp_elicitations"] as const;

export function readApprovalPolicy(s: Setting): ApprovalPolicy {
  if (typeof s.value === "string") {
    const name = s.value.trim().toLowerCase().replaceAll("_", "-");
    const found = APPROVAL_POLICY_NAMES.find((n) => n === name);
    if (found) return found;
  }
  const granular = s.child("granular");
  const reject = s.child("reject");
  if (granular && reject) throw s.fail(`set "granular" or "reject", not both`);
  const flags = granular ?? reject;
  if (!flags) throw s.expected(`one of ${APPROVAL_POLICY_NAMES.join(", ")}, or a map with "granular" true/false settings`);
  const read = readFlags(flags);
  return granular ? { granular: read } : { reject: read };
}

function readFlags(s: Setting): GranularApproval {
  if (!isMap(s.value)) throw s.expected("a map of true/false settings");
  const flag = (key: string) => {
    const entry = s.child(key);
    return entry ? bool(entry) : undefined;
  };
  const out: GranularApproval = { sandbox_approval: false, rules: false, mcp_elicitations: false };
  for (const key of REQUIRED_FLAGS) {
    const v = flag(key);
    if (v === undefined) throw s.fail(`missing "${key}" (true or false)`);
    out[key] = v;
  }
  const requestPermissions = flag("request_permissions");
  if (requestPermissions !== undefined) out.request_permissions = requestPermissions;
  const skillApproval = flag("skill_approval");
  if (skillApproval !== undefined) out.skill_approval = skillApproval;
  return out;
}
