/**
 * `config check`: the verdict on the environment, variable by variable, without opening the
 * database, the cache or a port. Exits 1 when the API would refuse to start with it.
 */
import { checkConfig } from "../config/config.ts";

export interface ConfigCheck {
  text: string;
  ok: boolean;
}

export function configCheck(env: Record<string, string | undefined>): ConfigCheck {
  const verdicts = checkConfig(env);
  const width = Math.max(...verdicts.map((v) => v.variable.length));
  const lines = verdicts.map(({ variable, set, problems }) => {
    const name = variable.padEnd(width);
    if (problems.length === 0) return `  ok       ${name}  ${set ? "set" : "default"}`;
    return problems.map((problem) => `  problem  ${name}  ${problem}`).join("\n");
  });
  const count = verdicts.reduce((n, v) => n + v.problems.length, 0);
  const mode = env.NODE_ENV || "development";
  const verdict =
    count === 0
      ? `The configuration is valid (${mode}).`
      : `${count} ${count === 1 ? "problem" : "problems"}: the API refuses to start with this configuration (${mode}).`;
  return { text: [`Configuration (NODE_ENV=${mode}):`, ...lines, "", verdict].join("\n"), ok: count === 0 };
}
