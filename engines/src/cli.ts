import { type EngineName, engineNames } from './engine.ts';
import { parseEnginesEnv } from './env.ts';
import { createLauncher } from './launcher.ts';
import { tailFile } from './processes.ts';

const usage = `usage: npm run engines -- <command> [engine…]
  up [engine…]       start what is not already healthy (idempotent) and wait for real health
  down [engine…]     stop the engines this launcher started (SIGTERM, then SIGKILL after 30 s)
  status             each engine's state, health, endpoint, pid and RSS
  logs <engine> [n]  the last n (default 200) lines of an engine's log
  reset [engine…]    stop and wipe data (jars and configs stay)
engines: ${engineNames.join(', ')}`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const names = rest.filter((name): name is EngineName => (engineNames as readonly string[]).includes(name));
  const launcher = createLauncher(parseEnginesEnv(), (line) => console.log(line));
  switch (command) {
    case 'up':
      await launcher.up(names);
      return 0;
    case 'down':
      await launcher.down(names);
      return 0;
    case 'reset':
      await launcher.reset(names);
      return 0;
    case 'status': {
      const statuses = await launcher.status();
      for (const s of statuses) {
        const details = [s.pid && `pid ${s.pid}`, s.rssMiB && `rss ${s.rssMiB} MiB`]
          .filter(Boolean)
          .join(', ');
        console.log(
          `${s.name.padEnd(11)} ${s.state.padEnd(9)} ${(s.healthy ? 'healthy' : 'unhealthy').padEnd(10)} ${s.endpoint}${details ? `  (${details})` : ''}`,
        );
      }
      return statuses.every((s) => s.healthy) ? 0 : 1;
    }
    case 'logs': {
      const [name, lines] = [names[0], Number(rest[1] ?? 200)];
      if (!name) break;
      process.stdout.write(`${tailFile(launcher.logFile(name), lines)}\n`);
      return 0;
    }
  }
  console.error(usage);
  return 2;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`engines: ${error.message}`);
      process.exit(1);
    },
  );
}
