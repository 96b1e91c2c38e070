/**
 * Shared steps of the browser tests: URLs of the running stack, API calls as the store owner,
 * and screenshots into artifacts/screenshots.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { DEMO, login, REPO_ROOT } from "./_stack.ts";

export const apiUrl = () => required("E2E_API_URL");
export const webUrl = () => required("E2E_WEB_URL");

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through playwright.config.ts`);
  return value;
}

const SHOTS = join(REPO_ROOT, "artifacts/screenshots");

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

export async function ownerApi(path: string, init: { method?: string; body?: unknown } = {}) {
  const token = await login(apiUrl(), DEMO.owner, DEMO.store);
  const response = await fetch(`${apiUrl()}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { authorization: `Bearer ${token}`, "x-store": DEMO.store, "content-type": "application/json" },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@demo.test`;
}

export { DEMO };
