/**
 * Structured JSON logging through pino. Library code takes a `Logger` and never touches
 * `console`; each request gets a child logger carrying its request id.
 */
import pino from "pino";

export type Logger = pino.Logger;

export interface LoggerOptions {
  level: string;
  /** Where JSON lines go; defaults to stdout. Tests pass a stream to read the lines back. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: "nevewatch-api" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ["req.headers.authorization", "*.password", "*.token", "*.secret", "*.credential"],
        censor: "[redacted]",
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
