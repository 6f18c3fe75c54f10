import { resolve } from 'node:path';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const heap = (fallback: string) =>
  z
    .string()
    .regex(/^\d+[mMgG]$/, 'a JVM heap size such as 512m or 1g')
    .default(fallback);

const schema = z.object({
  TIDEMARK_HOME: z.string().default(resolve(import.meta.dirname, '../../.tidemark')),
  TIDEMARK_JAVA: z.string().default('java'),
  TIDEMARK_MVN: z.string().default('mvn'),
  // Pointing one of these at an existing cluster makes the launcher skip that engine.
  KAFKA_BROKERS: z.string().optional(),
  CASSANDRA_CONTACT_POINTS: z.string().optional(),
  OPENSEARCH_URL: z.string().url().optional(),
  KAFKA_PORT: port(9092),
  KAFKA_CONTROLLER_PORT: port(9093),
  KAFKA_HEAP: heap('512m'),
  CASSANDRA_PORT: port(9042),
  CASSANDRA_STORAGE_PORT: port(7000),
  CASSANDRA_HEAP: heap('1g'),
  OPENSEARCH_PORT: port(9200),
  OPENSEARCH_TRANSPORT_PORT: port(9300),
  OPENSEARCH_HEAP: heap('512m'),
});

export type EnginesEnv = Readonly<z.infer<typeof schema>>;

/** Parses the launcher's environment once, listing every bad variable in one error. */
export function parseEnginesEnv(source: NodeJS.ProcessEnv = process.env): EnginesEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid engines environment:\n${lines.join('\n')}`);
  }
  return Object.freeze({ ...parsed.data, TIDEMARK_HOME: resolve(parsed.data.TIDEMARK_HOME) });
}
