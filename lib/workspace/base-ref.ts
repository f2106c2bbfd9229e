const MAINLINES = ["main", "master", "trunk", "develop"];
const HEADS = "refs/heads/";
const ORIGIN = "refs/remotes/origin/";

/** The refs a repository has, from `git for-each-ref --format=%(refname) %(symref) refs/heads refs/remotes/origin`. */
export interface RefList {
  heads: Set<string>;
  remotes: Set<string>;
  /** The branch origin/HEAD points at, if set. */
  originHead: string | undefined;
}

export function parseRefList(output: string): RefList {
  const refs: RefList = { heads: new Set(), remotes: new Set(), originHead: undefined };
  for (const line of output.split("\n")) {
    const [name = "", symref = ""] = line.split(" ");
    if (name === `${ORIGIN}HEAD`) refs.originHead = symref.startsWith(ORIGIN) ? symref.slice(ORIGIN.length) : undefined;
    else if (name.startsWith(HEADS)) refs.heads.add(name.slice(HEADS.length));
    else if (name.startsWith(ORIGIN)) refs.remotes.add(name.slice(ORIGIN.length));
  }
  return refs;
}

/**
 * Where a new branch starts: origin/<branch> when the remote has it, else the
 * repository's default branch: origin/HEAD → main|master|trunk|develop → the
 * only local branch → origin/<mainline>. Undefined: fall back to HEAD.
 */
export function pickBaseRef(refs: RefList, branch: string): string | undefined {
  if (refs.remotes.has(branch)) return `origin/${branch}`;
  const local = (name: string) => (refs.heads.has(name) ? name : refs.remotes.has(name) ? `origin/${name}` : undefined);
  const fromOrigin = refs.originHead === undefined ? undefined : local(refs.originHead);
  if (fromOrigin !== undefined) return fromOrigin;
  const mainline = MAINLINES.find((name) => refs.heads.has(name));
  if (mainline !== undefined) return mainline;
  if (refs.heads.size === 1) return [...refs.heads][0];
  const remote = MAINLINES.find((name) => refs.remotes.has(name));
  return remote === undefined ? undefined : `origin/${remote}`;
}
