/**
 * Password hashing with argon2id (`Bun.password`). When an account does not exist, callers
 * still verify against a dummy hash of the same cost, so response time does not reveal it.
 * Account passwords are hashed in their NFKC form (`password-policy.ts`); hashes made before
 * that were of the raw form, so `verifyAccountPassword` tries both.
 */

export interface PasswordCost {
  readonly PASSWORD_MEMORY_KIB: number;
  readonly PASSWORD_TIME_COST: number;
}

export function hashPassword(cost: PasswordCost, password: string): Promise<string> {
  return Bun.password.hash(password, {
    algorithm: "argon2id",
    memoryCost: cost.PASSWORD_MEMORY_KIB,
    timeCost: cost.PASSWORD_TIME_COST,
  });
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await Bun.password.verify(password, hash);
  } catch {
    return false;
  }
}

/**
 * Checks an account password: its NFKC form first (every hash since normalisation began), then
 * the raw form when it differs (hashes made before, which login keeps accepting).
 */
export async function verifyAccountPassword(password: string, hash: string): Promise<boolean> {
  const normal = password.normalize("NFKC");
  if (await verifyPassword(normal, hash)) return true;
  return normal !== password && (await verifyPassword(password, hash));
}

const dummies = new Map<string, Promise<string>>();

/** Spends the same work as a failed `verifyAccountPassword` and always fails. */
export async function verifyDummy(cost: PasswordCost, password: string): Promise<false> {
  const key = `${cost.PASSWORD_MEMORY_KIB}:${cost.PASSWORD_TIME_COST}`;
  let dummy = dummies.get(key);
  if (!dummy) {
    dummy = hashPassword(cost, crypto.randomUUID());
    dummies.set(key, dummy);
  }
  await verifyAccountPassword(password, await dummy);
  return false;
}
