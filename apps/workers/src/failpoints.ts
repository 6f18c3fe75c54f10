/**
 * Crash points for the invariant tests (DESIGN.md "Proving the invariants"): `TM_FAILPOINT=<name>` makes
 * the process kill itself with SIGKILL the first time it reaches that point, like a power cut would.
 */
export interface Failpoints {
  hit(name: string): void;
}

export function createFailpoints(
  active: string | undefined,
  kill: () => void = () => process.kill(process.pid, 'SIGKILL'),
): Failpoints {
  return {
    hit(name) {
      if (active === name) kill();
    },
  };
}
