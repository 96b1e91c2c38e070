/**
 * `keys status` and `keys reseal`: the command-line side of an encryption-key rotation
 * (the procedure is in .env.example, next to ENCRYPTION_KEYS_PREVIOUS).
 */
import { closeContext, migrate } from "../boot.ts";
import type { AppContext } from "../context.ts";
import { type LineResealReport, resealLinePasswords, sealedLinePasswords } from "../modules/playerapi/mod.ts";
import {
  credentialKeyStatus,
  type KeyStatus,
  type KeyUsage,
  keyStatusOf,
  type ResealReport,
  resealCredentials,
} from "../modules/providers/mod.ts";

const ROLE_TEXT = {
  current: "current (ENCRYPTION_KEY)",
  previous: "previous (ENCRYPTION_KEYS_PREVIOUS)",
  unknown: "not configured: these values cannot be opened",
} as const;

/** What a status section counts: its heading and how its values are named in the verdicts. */
const SECTIONS = {
  providers: {
    heading: "Provider credentials",
    every: "provider credential",
    redo: "those accounts' credentials",
  },
  lines: {
    heading: "Player-line passwords",
    every: "player-line password",
    redo: "those viewers' lines (regenerate)",
  },
} as const;

export function formatStatus(status: KeyStatus, kind: keyof typeof SECTIONS = "providers"): string {
  const section = SECTIONS[kind];
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
          `${unknown} value(s) name a key that is not configured: configure that key again, or renew ${section.redo}.`,
        ]
      : []),
  ];
  if (verdicts.length === 0)
    verdicts.push(
      `Every ${section.every} is sealed under the current key: no previous key is needed to open them.`,
    );
  return [`${section.heading}: ${status.values} sealed value(s) by key id`, ...rows, ...verdicts].join("\n");
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

export function formatLineReseal(report: LineResealReport): string {
  const lines = [
    `Resealed player-line passwords under key ${report.keyId}:`,
    `  scanned ${report.scanned}, resealed ${report.resealed}, already current ${report.alreadyCurrent}, failed ${report.failed}`,
  ];
  if (report.failed > 0) {
    lines.push("Left as they were:");
    for (const f of report.failures)
      lines.push(`  store ${f.storeId} line ${f.lineId} (key "${f.keyId}"): ${f.reason}`);
  }
  return lines.join("\n");
}

/** Runs one `keys` command and closes the context; the exit code is 1 when a value failed. */
export async function keysCommand(ctx: AppContext, which: "status" | "reseal"): Promise<number> {
  try {
    await migrate(ctx);
    if (which === "status") {
      console.log(formatStatus(await credentialKeyStatus(ctx), "providers"));
      console.log(formatStatus(await keyStatusOf(ctx.config, sealedLinePasswords(ctx)), "lines"));
      return 0;
    }
    const report = await resealCredentials(ctx);
    console.log(formatReseal(report));
    const lineReport = await resealLinePasswords(ctx);
    console.log(formatLineReseal(lineReport));
    return report.failed > 0 || lineReport.failed > 0 ? 1 : 0;
  } finally {
    await closeContext(ctx);
  }
}
