/**
 * Request body limits: the error a body over the configured size gets.
 */
import { AppError } from "../errors/app-error.ts";

export function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Request body exceeds the ${limit}-byte limit`, { limit });
}
