/** Facts derived from a lockfile's dependency graph when the file itself does not state them. */

/**
 * Development-only packages: reachable from the development roots but not from the production ones.
 * Returns the purls of dev-only packages (everything reachable only through devDependencies).
 */
export function devOnly(graph: ReadonlyMap<string, readonly string[]>, prodRoots: Iterable<string>, devRoots: Iterable<string>): Set<string> {
  const reach = (roots: Iterable<string>): Set<string> => {
    const seen = new Set<string>();
    const stack = [...roots];
    while (stack.length > 0) {
      const purl = stack.pop() as string;
      if (seen.has(purl)) continue;
      seen.add(purl);
      for (const next of graph.get(purl) ?? []) if (!seen.has(next)) stack.push(next);
    }
    return seen;
  };
  const prod = reach(prodRoots);
  const dev = reach(devRoots);
  for (const purl of prod) dev.delete(purl);
  return dev;
}
