/**
 * Crash points for the invariant tests (DESIGN.md "Proving the invariants"): `TM_FAILPOINT=<name>` makes
 * the process kill itself with SIGKILL the first time it reaches that point, like a power cut would.
 */
export interface Failpoints {
  hit(name: string): void;
  /** For failpoints that must prepare the damage before they strike (e.g. write half a bulk). */
  isActive(name: string): boolean;
}

export function createFailpoints(
  active: string | undefined,
  kill: () => void = () => process.kill(process.pid, 'SIGKILL'),
): Failpoints {
  return {
    hit(name) {
      if (active === name) kill();
    },
    isActive: (name) => active === name,
  };
}
