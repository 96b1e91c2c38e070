import { describe, expect, test } from "bun:test";
import { isAppError } from "../errors/app-error.ts";
import commonPasswords from "./common-passwords.txt" with { type: "text" };
import { acceptablePassword, brokenPasswordRule } from "./password-policy.ts";
import { hashPassword, verifyAccountPassword, verifyDummy } from "./passwords.ts";

const context = { email: "marta.lopez@example.com", storeName: "Acme TV", storeSlug: "acmetv" };

describe("password policy", () => {
  test("refuses the passwords the length rule alone let through", () => {
    expect(brokenPasswordRule("1234567890", context)).toBe("common");
    expect(brokenPasswordRule("password12", context)).toBe("common");
    expect(brokenPasswordRule("PassWord123", context)).toBe("common");
    expect(brokenPasswordRule("aaaaaaaaaa", context)).toBe("repetitive");
    expect(brokenPasswordRule("          ", context)).toBe("repetitive");
    expect(brokenPasswordRule("\0".repeat(10), context)).toBe("control_characters");
    expect(brokenPasswordRule("marta.lopez@example.com", context)).toBe("contains_email");
  });

  test("refuses repeated units and sequential runs", () => {
    for (const password of ["abababababab", "xyzxyzxyzxyz", "abcdefghijkl", "9876543210", "ñññññññññññ"])
      expect(brokenPasswordRule(password, context)).toBe("repetitive");
  });

  test("refuses control characters anywhere, and broken Unicode", () => {
    expect(brokenPasswordRule("a good long\tpassphrase", context)).toBe("control_characters");
    expect(brokenPasswordRule("a good long passphrase\n", context)).toBe("control_characters");
    expect(brokenPasswordRule("a good long passphrase\u007f", context)).toBe("control_characters");
    expect(brokenPasswordRule("a good long passphrase\ud800", context)).toBe("control_characters");
  });

  test("refuses the e-mail, its local part and the store's name in any case or spacing", () => {
    expect(brokenPasswordRule("MARTA.LOPEZ forever and ever", context)).toBe("contains_email");
    expect(brokenPasswordRule("my store acme tv rocks", context)).toBe("contains_store_name");
    expect(brokenPasswordRule("my store AcmeTV rocks", context)).toBe("contains_store_name");
    // A two-letter local part is no context word: refusing every password holding "jo" helps nobody.
    expect(brokenPasswordRule("joyful river stones", { email: "jo@example.com" })).toBeNull();
  });

  test("accepts long passphrases and any script, counted in characters after NFKC", () => {
    expect(brokenPasswordRule("correct horse battery staple", context)).toBeNull();
    expect(brokenPasswordRule("a".repeat(3) + " long passphrase ".repeat(5), context)).toBeNull();
    expect(brokenPasswordRule("пароль-для-дома-у-моря", context)).toBeNull();
    expect(brokenPasswordRule("日本語のパスワード十文字", context)).toBeNull();
    // Nine emoji are eighteen UTF-16 units but nine characters: too short.
    expect(brokenPasswordRule("🐙🦑🐚🦀🐠🐟🐡🦈🐬", context)).toBe("length");
    // Full-width digits are digits after NFKC: the common "1234567890".
    expect(brokenPasswordRule("１２３４５６７８９０", context)).toBe("common");
  });

  test("every entry of the shipped list is refused, and the list is sorted and unique", () => {
    const entries = commonPasswords.split("\n").filter(Boolean);
    expect(entries.length).toBeGreaterThan(1000);
    expect([...new Set(entries)].sort()).toEqual(entries);
    for (const entry of entries) expect(brokenPasswordRule(entry)).not.toBeNull();
  });

  test("a refusal is a weak_password problem naming the rule and the field", () => {
    let caught: unknown;
    try {
      acceptablePassword("password12", context, "newPassword");
    } catch (error) {
      caught = error;
    }
    if (!isAppError(caught)) throw new Error("expected an AppError");
    expect(caught.code).toBe("weak_password");
    expect(caught.status).toBe(400);
    expect(caught.details).toMatchObject({ rule: "common", errors: [{ path: "/newPassword" }] });
    expect(acceptablePassword("Cafe\u0301 au lait du matin", context, "password")).toBe(
      "Café au lait du matin",
    );
  });
});

describe("account password verification", () => {
  const cost = { PASSWORD_MEMORY_KIB: 1024, PASSWORD_TIME_COST: 1 };
  const decomposed = "Cafe\u0301 au lait du matin";

  test("a hash of the NFKC form accepts the password typed either way", async () => {
    const hash = await hashPassword(cost, decomposed.normalize("NFKC"));
    expect(await verifyAccountPassword(decomposed, hash)).toBe(true);
    expect(await verifyAccountPassword(decomposed.normalize("NFKC"), hash)).toBe(true);
  });

  test("a hash made before normalisation, of the raw form, keeps working", async () => {
    const legacy = await hashPassword(cost, decomposed);
    expect(await verifyAccountPassword(decomposed, legacy)).toBe(true);
    expect(await verifyAccountPassword("another password entirely", legacy)).toBe(false);
    expect(await verifyDummy(cost, decomposed)).toBe(false);
  });
});
