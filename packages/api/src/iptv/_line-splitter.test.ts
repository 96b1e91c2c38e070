import { describe, expect, test } from "bun:test";
import { LineSplitter } from "./_line-splitter.ts";

function split(pieces: string[], max = 100): (string | null)[] {
  const splitter = new LineSplitter(max);
  const out: (string | null)[] = [];
  for (const piece of pieces) splitter.push(piece, out);
  splitter.flush(out);
  return out;
}

describe("LineSplitter", () => {
  test("treats LF, CRLF and lone CR as one break each, blank lines included", () => {
    expect(split(["a\nb\r\nc\rd\r\re\n\nf"])).toEqual(["a", "b", "c", "d", "", "e", "", "f"]);
  });

  test("joins a CRLF split across chunks, even with empty chunks between", () => {
    expect(split(["a\r", "", "\nb\r", "x\n"])).toEqual(["a", "b", "x"]);
    expect(split(["a\r", "\r", "\n", "b"])).toEqual(["a", "", "b"]);
  });

  test("gives the same lines for every way of cutting the text", () => {
    const text = "#EXTM3U\r\nline one\rline two\n\r\nlast";
    const expected = split([text]);
    for (let cut = 0; cut <= text.length; cut++) {
      expect(split([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
    }
    expect(split([...text])).toEqual(expected);
  });

  test("reports an overlong line as null without buffering it, and goes on", () => {
    expect(split(["short\n", "x".repeat(60), "y".repeat(60), "\nafter"], 100)).toEqual([
      "short",
      null,
      "after",
    ]);
    expect(split(["z".repeat(150)], 100)).toEqual([null]);
  });
});
