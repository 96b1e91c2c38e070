import { expect, test } from "bun:test";
import { render } from "./_render.ts";

test("renders each named string enum of the spec as a constant typed by its schema", async () => {
  const files = await render({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {},
    components: {
      schemas: {
        ProblemCode: { type: "string", enum: ["not_found", "rate_limited"], description: "Codes" },
        Problem: { type: "object", properties: { code: { $ref: "#/components/schemas/ProblemCode" } } },
        Size: { type: "integer", enum: [1, 2] },
      },
    },
  });
  const enums = files["enums.ts"] ?? "";
  expect(enums).toContain(
    'export const PROBLEM_CODES = ["not_found","rate_limited"] as const satisfies readonly components["schemas"]["ProblemCode"][];',
  );
  expect(enums).not.toContain("SIZES");
  expect(enums).not.toContain("PROBLEMS =");
  expect(files["schema.ts"]).toContain('ProblemCode: "not_found" | "rate_limited"');
});
