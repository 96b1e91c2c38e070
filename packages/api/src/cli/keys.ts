/**
 * `keys status` and `keys reseal`: the command-line side of an encryption-key rotation
 * (the procedure is in .env.example, next to ENCRYPTION_KEYS_PREVIOUS).
 */
import { closeContext, migrate } from "../boot.ts";
import type { AppContext } from "../context.ts";
import {
  credentialKeyStatus,
  type KeyStatus,
  type KeyUsage,
  type ResealReport,
  resealCredentials,
} from "../modules/providers/mod.ts";

const ROLE_TEXT = {
  current: "current (ENCRYPTION_KEY)",
  previous: "previous (ENCRYPTION_KEYS_PREVIOUS)",
  unknown: "not configured: these values cannot be opened",
} as const;

export function formatStatus(status: KeyStatus): string {
  const width = String(Math.max(0, ...status.keys.map((k) => k.values))).length;
  const rows = status.keys.map(
    (k) =>
      `  ${(k.keyId || "(malformed)").padEnd(12)}  ${String(k.values).padStart(width)}  ${ROLE_TEXT[k.role]}`,
  );
  const count = (role: KeyUsage["role"]) =>
    status.keys.filter((k) => k.role === role).reduce((sum, k) => sum + k.values, 0);
  const previous = count("previous");
  const unknown = count("unknown");
  const verdicts = [
    ...(previous > 0
      ? [`${previous} value(s) still need a previous key: run "nevewatch-api keys reseal".`]
      : []),
    ...(unknown > 0
      ? [
          `${unknown} value(s) name a key that is not configured: configure that key again, or enter those accounts' credentials again.`,
        ]
      : []),
  ];
  if (verdicts.length === 0)
    verdicts.push(
      "Every provider credential is sealed under the current key: no previous key is needed to open them.",
    );
  return [
    `Provider credentials: ${status.values} sealed value(s) by key id`,
    ...rows,
    ...verdicts,
    // Until player lines have a reseal of their own, dropping a key can still lock their viewers out.
    "Player-line passwords are sealed with the same keys and are not counted here.",
  ].join("\n");
}

export function formatReseal(report: ResealReport): string {
  const lines = [
    `Resealed provider credentials under key ${report.keyId}:`,
    `  scanned ${report.scanned}, resealed ${report.resealed}, already current ${report.alreadyCurrent}, failed ${report.failed}`,
  ];
  if (report.failed > 0) {
    lines.push("Left as they were:");
    for (const f of report.failures)
      lines.push(
        `  store ${f.storeId} provider ${f.providerId} account ${f.accountId} ${f.field} (key "${f.keyId}"): ${f.reason}`,
      );
  }
  return lines.join("\n");
}

/** Runs one `keys` command and closes the context; the exit code is 1 when a value failed. */
export async function keysCommand(ctx: AppContext, which: "status" | "reseal"): Promise<number> {
  try {
    await migrate(ctx);
    if (which === "status") {
      console.log(formatStatus(await credentialKeyStatus(ctx)));
      return 0;
    }
    const report = await resealCredentials(ctx);
    console.log(formatReseal(report));
    return report.failed > 0 ? 1 : 0;
  } finally {
    await closeContext(ctx);
  }
}
