import { describe, expect, test } from "bun:test";
import { readBounded, tooLarge, withReadBody } from "./body.ts";

function streamOf(pieces: number[], options: { failAfter?: number; onCancel?: () => void } = {}) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (options.failAfter !== undefined && sent === options.failAfter) {
        controller.error(new Error("connection reset"));
        return;
      }
      const size = pieces[sent++];
      if (size === undefined) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(97));
    },
    cancel() {
      options.onCancel?.();
    },
  });
}

describe("readBounded", () => {
  test("returns every byte of a body of exactly the limit", async () => {
    const read = await readBounded(streamOf([400, 400, 224]), 1024);
    expect("bytes" in read && read.bytes.byteLength).toBe(1024);
  });

  test("refuses a body one byte over the limit and cancels the rest", async () => {
    let cancelled = false;
    const read = await readBounded(streamOf([1024, 1, 5000], { onCancel: () => (cancelled = true) }), 1024);
    expect("refused" in read && read.refused.code).toBe("payload_too_large");
    expect(cancelled).toBe(true);
  });

  test("refuses a body whose stream fails midway as unreadable, not as a server error", async () => {
    const read = await readBounded(streamOf([10, 10, 10], { failAfter: 2 }), 1024);
    expect("refused" in read && read.refused.code).toBe("bad_request");
  });
});

describe("withReadBody", () => {
  const chunked = new Request("http://localhost/things?x=1", {
    method: "POST",
    headers: { "transfer-encoding": "chunked", "content-type": "application/json", "x-request-id": "r1" },
    body: "{}",
  });

  test("declares the length of the read body and drops the chunked framing", async () => {
    const handedOn = withReadBody(chunked, { bytes: new TextEncoder().encode('{"a":1}') });
    expect(handedOn.method).toBe("POST");
    expect(handedOn.url).toBe("http://localhost/things?x=1");
    expect(handedOn.headers.get("transfer-encoding")).toBeNull();
    expect(handedOn.headers.get("content-length")).toBe("7");
    expect(handedOn.headers.get("x-request-id")).toBe("r1");
    expect(await handedOn.json()).toEqual({ a: 1 });
  });

  test("hands a refused request on without a body", async () => {
    const handedOn = withReadBody(chunked, { refused: tooLarge(1024) });
    expect(handedOn.body).toBeNull();
    expect(handedOn.headers.get("content-length")).toBeNull();
  });
});
