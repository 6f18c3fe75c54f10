// Argument helpers shared by the operator CLIs (token, replay): `--name value` options only.
import { parseArgs } from 'node:util';

/** A mistake in the command line: the CLI prints it with its usage and exits 2. */
export class UsageError extends Error {}

export type Values = Record<string, string | boolean | undefined>;

export function options(args: readonly string[], names: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function text(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function required(values: Values, name: string): string {
  const value = text(values, name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}
