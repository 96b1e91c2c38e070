/** A throwaway self-signed certificate (openssl, P-256, one day) for a name, and a TLS server using it. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface TestCertificate {
  cert: string;
  key: string;
  remove(): Promise<void>;
}

async function makeTestCertificate(name: string): Promise<TestCertificate> {
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

export interface TlsEcho {
  port: number;
  /** The server's certificate, to trust it as a CA. */
  cert: string;
  stop(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 with a certificate for `name`, answering `{ peerPort, host }`. */
export async function startTlsEcho(name: string): Promise<TlsEcho> {
  const certificate = await makeTestCertificate(name);
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    tls: { cert: certificate.cert, key: certificate.key },
    fetch: (request, self) =>
      Response.json({ peerPort: self.requestIP(request)?.port, host: request.headers.get("host") }),
  });
  return {
    port: server.port ?? 0,
    cert: certificate.cert,
    async stop() {
      server.stop(true);
      await certificate.remove();
    },
  };
}
