/**
 * Command-line parsing for the single `nevewatch-api` entry point.
 */
import { parseArgs } from "node:util";

export const USAGE = `Usage: nevewatch-api <command> [options]

Commands:
  serve                 Start the API (migrates first)
  start                 Start the whole platform on this machine: API, embedded edge, demo data
                        (in production demo data only with --demo, and no passwords printed)
  config check          Check the configuration (each variable ok or its problem) without starting;
                        exits 1 if the API would refuse to start
  migrate               Create collections and indexes
  admin create          Create a platform admin: --email <e-mail> --password <password>
  seed-demo             Create the demo store, users and channels (idempotent)
  keys status           Count the stored provider credentials sealed under each encryption key
  keys reseal           Seal every provider credential again under ENCRYPTION_KEY (after a rotation;
                        exits 1 if a value could not be opened)
  keys generate         Print fresh random secrets and a route key pair, as environment lines
  help                  Show this text

Configuration comes from environment variables; see .env.example.`;

export interface Command {
  name:
    | "serve"
    | "start"
    | "migrate"
    | "admin-create"
    | "seed-demo"
    | "config-check"
    | "keys-status"
    | "keys-reseal"
    | "keys-generate"
    | "help";
  options: Record<string, string | boolean | undefined>;
}

export function parseCommand(argv: string[]): Command {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      demo: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [first, second] = positionals;
  if (values.help || first === undefined || first === "help") return { name: "help", options: values };
  if (first === "admin" && second === "create") return { name: "admin-create", options: values };
  if (
    first === "keys" &&
    (second === "status" || second === "reseal" || second === "generate") &&
    positionals.length === 2
  )
    return { name: `keys-${second}`, options: values };
  if (first === "config" && second === "check" && positionals.length === 2)
    return { name: "config-check", options: values };
  if (first === "serve" || first === "start" || first === "migrate" || first === "seed-demo")
    return { name: first, options: values };
  throw new Error(`Unknown command "${positionals.join(" ")}"`);
}
