/**
 * Password hashing with argon2id (`Bun.password`). When an account does not exist, callers
 * still verify against a dummy hash of the same cost, so response time does not reveal it.
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

const dummies = new Map<string, Promise<string>>();

/** Spends the same work as a real verification and always fails. */
export async function verifyDummy(cost: PasswordCost, password: string): Promise<false> {
  const key = `${cost.PASSWORD_MEMORY_KIB}:${cost.PASSWORD_TIME_COST}`;
  let dummy = dummies.get(key);
  if (!dummy) {
    dummy = hashPassword(cost, crypto.randomUUID());
    dummies.set(key, dummy);
  }
  await verifyPassword(password, await dummy);
  return false;
}
