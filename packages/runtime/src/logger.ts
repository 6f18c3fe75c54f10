import pino, { type DestinationStream, type Logger } from 'pino';

/** The one logger of a process: JSON lines, secrets redacted, quiet under test. */
export function createLogger(
  service: string,
  level = process.env.NODE_ENV === 'test' ? 'silent' : 'info',
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      name: service,
      level,
      redact: { paths: ['token', '*.token', 'req.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
