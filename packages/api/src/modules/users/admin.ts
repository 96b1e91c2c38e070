/**
 * The first platform admin is made from the command line (`nevewatch-api admin create`),
 * since no one can log in to make one before it exists.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { createUser } from "./service.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD_LENGTH = 10;

export async function createPlatformAdmin(
  ctx: Pick<AppContext, "store" | "config">,
  email: string,
  password: string,
): Promise<string> {
  if (!EMAIL.test(email.trim()))
    throw new AppError("validation_failed", `"${email}" is not an e-mail address`);
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new AppError("validation_failed", `The password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  const user = await createUser(ctx, {
    storeId: null,
    email,
    password,
    role: "platform_admin",
    emailVerified: true,
  });
  await recordAudit(ctx, {
    actor: null,
    action: "user.create",
    storeId: null,
    target: { type: "user", id: user._id },
    after: { email: user.email, role: user.role, via: "cli" },
  });
  return user._id;
}
