export type EngineName = 'kafka' | 'cassandra' | 'opensearch';

export const engineNames: readonly EngineName[] = ['kafka', 'cassandra', 'opensearch'];

/** One local engine: how to configure, start and probe it. Paths are under the engine's own folder. */
export interface Engine {
  readonly name: EngineName;
  /** Set when the environment points at an existing cluster: the launcher then never starts this engine. */
  readonly external: string | undefined;
  /** What clients connect to, e.g. 127.0.0.1:9092. */
  readonly endpoint: string;
  /** Every port the engine binds; all must be free before a start. */
  readonly ports: readonly number[];
  readonly startTimeoutMs: number;
  /** The Maven POM whose runtime dependencies form the classpath. */
  readonly pom: string;
  /** Writes config files and performs one-time initialisation (idempotent). */
  prepare(paths: EnginePaths): Promise<void>;
  /** The java arguments (JVM options, -cp, main class, program arguments). */
  javaArgs(paths: EnginePaths): string[];
  /** A real request through the engine's client; true only when the engine can serve. */
  healthy(): Promise<boolean>;
}

export interface EnginePaths {
  /** The engine's folder: config, data, logs, pid. */
  readonly dir: string;
  /** The folder of jars Maven copied. */
  readonly lib: string;
  /** `<lib>/*`, for java -cp. */
  readonly classpath: string;
}
