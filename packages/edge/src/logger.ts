/**
 * The logging port: the subset of pino the edge uses, so a pino logger (the API's or the node's)
 * plugs straight in.
 */
import { OutboundRefusedError } from "./net/outbound-refusal.ts";

type LogFn = (fields: Record<string, unknown>, message?: string) => void;

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

const ignore: LogFn = () => {};

export const silentLogger: Logger = {
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
  child: () => silentLogger,
};

export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { err: String(error) };
  // A refused upstream names the host, the address and its class, for the operator to act on.
  const refusal = error instanceof OutboundRefusedError ? { refusal: error.refusal } : {};
  return { err: { name: error.name, message: error.message, ...refusal } };
}
