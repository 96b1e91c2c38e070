/** A throwaway self-signed certificate (openssl, P-256, one day) for a name, for TLS tests. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestCertificate {
  cert: string;
  key: string;
  remove(): Promise<void>;
}

export async function makeTestCertificate(name: string): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), "edge-tls-"));
  const made = Bun.spawnSync(
    [
      "openssl",
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      `/CN=${name}`,
      "-addext",
      `subjectAltName=DNS:${name}`,
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ],
    { stderr: "pipe" },
  );
  if (made.exitCode !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
  return {
    cert: await Bun.file(join(dir, "cert.pem")).text(),
    key: await Bun.file(join(dir, "key.pem")).text(),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
