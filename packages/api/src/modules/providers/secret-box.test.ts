import { describe, expect, test } from "bun:test";
import {
  currentKeyId,
  maskSecret,
  maskUrl,
  openSecret,
  previousKeyIds,
  resealSecret,
  sealedKeyId,
  sealSecret,
} from "./secret-box.ts";

const keyA = Buffer.alloc(32, 1).toString("base64");
const keyB = Buffer.alloc(32, 2).toString("base64");
const keyC = Buffer.alloc(32, 3).toString("base64");

describe("secret box", () => {
  test("seals with AES-256-GCM under the current key and opens again", async () => {
    const config = { ENCRYPTION_KEY: keyA, ENCRYPTION_KEYS_PREVIOUS: undefined };
    const sealed = await sealSecret(config, "s3cret");
    expect(sealed).not.toContain("s3cret");
    expect(sealedKeyId(sealed)).toBe(currentKeyId(config));
    expect(await openSecret(config, sealed)).toBe("s3cret");
    expect(await sealSecret(config, "s3cret")).not.toBe(sealed);
  });

  test("refuses a tampered value", async () => {
    const config = { ENCRYPTION_KEY: keyA, ENCRYPTION_KEYS_PREVIOUS: undefined };
    const sealed = await sealSecret(config, "s3cret");
    const [v, id, iv, data = ""] = sealed.split(":");
    // One character of the ciphertext changed for certain (the old test replaced the one before
    // last by "A" or "B" judged on the last, and left it as it was once in 64 runs).
    const at = Math.floor(data.length / 2);
    const flipped = `${v}:${id}:${iv}:${data.slice(0, at)}${data[at] === "A" ? "B" : "A"}${data.slice(at + 1)}`;
    expect(flipped).not.toBe(sealed);
    await expect(openSecret(config, flipped)).rejects.toThrow();
  });

  test("after a rotation, values sealed under a previous key still open and name their key", async () => {
    const before = { ENCRYPTION_KEY: keyA, ENCRYPTION_KEYS_PREVIOUS: undefined };
    const sealed = await sealSecret(before, "old");
    const rotated = { ENCRYPTION_KEY: keyB, ENCRYPTION_KEYS_PREVIOUS: keyA };
    expect(sealedKeyId(sealed)).not.toBe(currentKeyId(rotated));
    expect(await openSecret(rotated, sealed)).toBe("old");
    await expect(
      openSecret({ ENCRYPTION_KEY: keyB, ENCRYPTION_KEYS_PREVIOUS: undefined }, sealed),
    ).rejects.toThrow("No configured encryption key");
  });

  test("reseals a value under the current key, leaves current ones alone and reports what does not open", async () => {
    const rotated = { ENCRYPTION_KEY: keyB, ENCRYPTION_KEYS_PREVIOUS: `${keyA}, ${keyB}` };
    expect(previousKeyIds(rotated)).toEqual([currentKeyId({ ENCRYPTION_KEY: keyA })]);
    const old = await sealSecret({ ENCRYPTION_KEY: keyA }, "old");
    const resealed = await resealSecret(rotated, old);
    if (resealed.status !== "resealed") throw new Error(`expected a resealed value, got ${resealed.status}`);
    expect(sealedKeyId(resealed.value)).toBe(currentKeyId(rotated));
    expect(await openSecret({ ENCRYPTION_KEY: keyB }, resealed.value)).toBe("old");
    expect(await resealSecret(rotated, resealed.value)).toEqual({ status: "current" });
    const lost = await sealSecret({ ENCRYPTION_KEY: keyC }, "lost");
    expect(await resealSecret(rotated, lost)).toEqual({
      status: "failed",
      keyId: sealedKeyId(lost),
      reason: `No configured encryption key has id "${sealedKeyId(lost)}"`,
    });
  });

  test("masks show only a hint", () => {
    expect(maskSecret("neve")).toBe("ne••••");
    expect(maskUrl("http://panel.example:8080/get.php?username=a&password=b")).toBe(
      "http://panel.example:8080/••••",
    );
  });
});
