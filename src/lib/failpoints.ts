/**
 * Fault injection for resilience tests and operator drills, off unless OPENCHECKER_FAILPOINTS is set:
 * `OPENCHECKER_FAILPOINTS="agent-crash-on-project=crashme"` makes an agent kill itself (SIGKILL, no clean-up)
 * when it starts a task whose project URL contains `crashme` — a checker that crashes the process, on demand.
 */
export type FailpointName = 'agent-crash-on-project';

export function failpoint(name: FailpointName, env: NodeJS.ProcessEnv = process.env): string | null {
  const spec = env.OPENCHECKER_FAILPOINTS;
  if (!spec) return null;
  for (const entry of spec.split(',')) {
    const [key, value] = entry.split('=', 2);
    if (key?.trim() === name && value) return value.trim();
  }
  return null;
}
