/**
 * Debian's nginx as the reference proxy: a generated config in a temp dir, run in the foreground
 * (`daemon off`) on a loopback port, one worker (the edge is one process too), proxy_pass to the
 * origin; `/hls/` goes through `proxy_cache` with `proxy_cache_lock on`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";

export interface Nginx {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function config(dir: string, port: number, origin: string): string {
  return `
daemon off;
master_process on;
worker_processes 1;
worker_rlimit_nofile 16384;
user root;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${dir}/client;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=hls:16m max_size=2g inactive=10m use_temp_path=off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 60;
  upstream origin { server ${origin.replace("http://", "")}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_buffer_size 64k;
    proxy_buffers 16 64k;
    proxy_busy_buffers_size 128k;
    location /file/ {
      proxy_pass http://origin;
      proxy_buffering on;
      proxy_max_temp_file_size 0;
    }
    location /live/ {
      proxy_pass http://origin;
      proxy_buffering off;
      proxy_read_timeout 30s;
    }
    location /hls/ {
      proxy_pass http://origin;
      proxy_cache hls;
      proxy_cache_lock on;
      proxy_cache_lock_timeout 30s;
      proxy_cache_lock_age 30s;
      proxy_cache_valid 200 10m;
    }
  }
}
`;
}

async function freePort(): Promise<number> {
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  const port = probe.port ?? 0;
  await probe.stop(true);
  return port;
}

export async function startNginx(origin: string): Promise<Nginx> {
  const dir = await mkdtemp(join(tmpdir(), "bench-nginx-"));
  const port = await freePort();
  await Bun.write(join(dir, "nginx.conf"), config(dir, port, origin));
  const child: Subprocess = Bun.spawn(["/usr/sbin/nginx", "-c", join(dir, "nginx.conf"), "-p", dir], {
    stdout: "ignore",
    stderr: "inherit",
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await fetch(`${url}/nope`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error("nginx did not start within 10 s");
      await Bun.sleep(50);
    }
  }
  return {
    url,
    pid: child.pid,
    async stop() {
      child.kill("SIGQUIT");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await child.exited;
      clearTimeout(killer);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
