/**
 * The reference: a bare `Bun.serve` handler answering like /health/live, no framework.
 */
const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch: () => Response.json({ status: "ok" }),
});
console.log(JSON.stringify({ url: `http://127.0.0.1:${server.port}` }));

export {};
