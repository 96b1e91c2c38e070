/**
 * Shared steps of the browser tests: URLs of the running stack, API calls as the store owner,
 * and screenshots into artifacts/screenshots.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
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

/**
 * The owner signs in once per test process: every call logging in again would spend the API's
 * per-address login limit (the browser tests all come from 127.0.0.1).
 */
let ownerToken: Promise<string> | undefined;

export async function ownerApi(path: string, init: { method?: string; body?: unknown } = {}) {
  ownerToken ??= login(apiUrl(), DEMO.owner, DEMO.store);
  const token = await ownerToken;
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

/** Waits for an import record to finish; returns it. */
export async function waitForImport(importId: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { body } = await ownerApi(`/v1/catalog/imports/${importId}`);
    if (body.status === "succeeded" || body.status === "failed") return body;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`import ${importId} did not finish in ${timeoutMs} ms`);
}

/**
 * Makes the demo store's catalog watchable on every plan: imports the API's demo origin
 * playlist when the catalog is empty, and puts every category in a package all plans include.
 */
export async function ensureWatchableCatalog(): Promise<void> {
  const items = await ownerApi("/v1/catalog/items?type=live&limit=1");
  if (((items.body.items as unknown[]) ?? []).length === 0) {
    const provider = await ownerApi("/v1/providers", {
      body: {
        name: "Demo origin (API)",
        kind: "m3u",
        accounts: [{ url: `${apiUrl()}/demo-origin/playlist.m3u` }],
      },
    });
    if (provider.status >= 300) throw new Error(`add provider: ${JSON.stringify(provider.body)}`);
    const started = await ownerApi("/v1/catalog/imports", { body: { providerId: provider.body.id } });
    const done = await waitForImport(String(started.body.id));
    if (done.status !== "succeeded") throw new Error(`import failed: ${JSON.stringify(done)}`);
  }
  const categories = ((await ownerApi("/v1/catalog/categories")).body.items as { id: string }[]) ?? [];
  const packages =
    ((await ownerApi("/v1/catalog/packages")).body.items as { id: string; name: string }[]) ?? [];
  let everything = packages.find((p) => p.name === "Everything");
  if (!everything) {
    const live = ((await ownerApi("/v1/catalog/items?limit=500")).body.items as { id: string }[]) ?? [];
    const made = await ownerApi("/v1/catalog/packages", {
      body: { name: "Everything", categoryIds: categories.map((c) => c.id), itemIds: live.map((i) => i.id) },
    });
    if (made.status >= 300) throw new Error(`create package: ${JSON.stringify(made.body)}`);
    everything = made.body as { id: string; name: string };
  }
  const plans = ((await ownerApi("/v1/plans")).body.items as { id: string; packageIds: string[] }[]) ?? [];
  for (const plan of plans) {
    if (plan.packageIds.includes(everything.id)) continue;
    await ownerApi(`/v1/plans/${plan.id}`, {
      method: "PATCH",
      body: { packageIds: [...plan.packageIds, everything.id] },
    });
  }
}

/** Grants the viewer with this e-mail a plan (by name, else the first), as the owner would. */
export async function grantPlan(email: string, planName = "Family"): Promise<void> {
  const users = ((await ownerApi("/v1/users/")).body.items as { id: string; email: string }[]) ?? [];
  const viewer = users.find((u) => u.email === email);
  if (!viewer) throw new Error(`no viewer ${email}`);
  const plans = ((await ownerApi("/v1/plans")).body.items as { id: string; name: string }[]) ?? [];
  const plan = plans.find((p) => p.name === planName) ?? plans[0];
  if (!plan) throw new Error("the demo store has no plan");
  const granted = await ownerApi("/v1/subscriptions", { body: { viewerId: viewer.id, planId: plan.id } });
  if (granted.status >= 300) throw new Error(`grant: ${JSON.stringify(granted.body)}`);
}

/** Signs a new viewer up at the demo store in this page; lands in the viewer app. Returns the e-mail. */
export async function signUpViewer(
  page: Page,
  prefix: string,
  password = "viewer-password-1234",
): Promise<string> {
  const email = uniqueEmail(prefix);
  await page.goto(`${webUrl()}/signup`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/watch/);
  return email;
}

export interface DemoChannelEntry {
  id: string;
  name: string;
  /** The format the demo origin serves it in. */
  format: "hls" | "ts";
}

/**
 * The six channels `main.ts start` seeds: three from the demo origin's HLS playlist and the same
 * three as MPEG-TS, told apart by their provider (the owner's test may import more copies).
 */
export async function seededDemoChannels(): Promise<DemoChannelEntry[]> {
  const providers = ((await ownerApi("/v1/providers")).body.items as { id: string; name: string }[]) ?? [];
  const formatOf = new Map<string, "hls" | "ts">();
  for (const p of providers) {
    if (p.name === "NeveWatch demo origin") formatOf.set(p.id, "hls");
    if (p.name === "NeveWatch demo origin (MPEG-TS)") formatOf.set(p.id, "ts");
  }
  const items =
    ((await ownerApi("/v1/catalog/items?type=live&limit=500")).body.items as {
      id: string;
      name: string;
      sources: { providerId: string }[];
    }[]) ?? [];
  const channels: DemoChannelEntry[] = [];
  for (const item of items) {
    const format = item.sources.map((s) => formatOf.get(s.providerId)).find(Boolean);
    if (format) channels.push({ id: item.id, name: item.name, format });
  }
  const count = (format: string) => channels.filter((c) => c.format === format).length;
  if (count("hls") !== 3 || count("ts") !== 3) {
    throw new Error(`expected the 3 HLS and 3 MPEG-TS demo channels, found ${JSON.stringify(channels)}`);
  }
  return channels;
}
