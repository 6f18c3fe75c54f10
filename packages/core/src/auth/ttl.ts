const unitSeconds = { s: 1, m: 60, h: 60 * 60, d: 24 * 60 * 60 } as const;

/** `90s`, `15m`, `12h`, `30d` (or a bare number of seconds) → seconds; undefined when it is not one. */
export function parseTtl(text: string): number | undefined {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * unitSeconds[(match[2] || 's') as keyof typeof unitSeconds];
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : undefined;
}
