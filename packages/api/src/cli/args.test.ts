import { describe, expect, test } from "bun:test";
import { parseCommand, USAGE } from "./args.ts";

describe("parseCommand", () => {
  test("reads the two keys commands", () => {
    expect(parseCommand(["keys", "status"]).name).toBe("keys-status");
    expect(parseCommand(["keys", "reseal"]).name).toBe("keys-reseal");
    expect(USAGE).toContain("keys status");
    expect(USAGE).toContain("keys reseal");
  });

  test("refuses a keys command it does not know", () => {
    expect(() => parseCommand(["keys"])).toThrow('Unknown command "keys"');
    expect(() => parseCommand(["keys", "rotate"])).toThrow('Unknown command "keys rotate"');
    expect(() => parseCommand(["keys", "reseal", "now"])).toThrow('Unknown command "keys reseal now"');
  });

  test("reads config check, keys generate and start's --demo", () => {
    expect(parseCommand(["config", "check"]).name).toBe("config-check");
    expect(parseCommand(["keys", "generate"]).name).toBe("keys-generate");
    expect(parseCommand(["start", "--demo"])).toEqual({ name: "start", options: { demo: true } });
    expect(() => parseCommand(["config"])).toThrow('Unknown command "config"');
    expect(USAGE).toContain("config check");
    expect(USAGE).toContain("--demo");
  });
});
