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
  type ResealRun,
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

/** A re-seal run's counts, then each value it left as it was, one line each. */
function formatRun<F>(what: string, run: ResealRun<F>, failure: (f: F) => string): string {
  const lines = [
    `Resealed ${what} under key ${run.keyId}:`,
    `  scanned ${run.scanned}, resealed ${run.resealed}, already current ${run.alreadyCurrent}, failed ${run.failed}`,
  ];
  if (run.failed > 0) {
    lines.push("Left as they were:");
    for (const f of run.failures) lines.push(`  ${failure(f)}`);
  }
  return lines.join("\n");
}

export function formatReseal(report: ResealReport): string {
  return formatRun(
    "provider credentials",
    report,
    (f) =>
      `store ${f.storeId} provider ${f.providerId} account ${f.accountId} ${f.field} (key "${f.keyId}"): ${f.reason}`,
  );
}

export function formatLineReseal(report: LineResealReport): string {
  return formatRun(
    "player-line passwords",
    report,
    (f) => `store ${f.storeId} line ${f.lineId} (key "${f.keyId}"): ${f.reason}`,
  );
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
