import { expect, test } from "@playwright/test";
import { apiUrl, DEMO, shot, webUrl } from "./_helpers.ts";

test("the store owner adds an M3U provider and watches the import to the end", async ({ page }) => {
  await page.goto(`${webUrl()}/login`);
  await page.getByLabel("E-mail").fill(DEMO.owner.email);
  await page.getByLabel("Password").fill(DEMO.owner.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/console/);
  await expect(page.getByRole("heading", { name: "Branding" })).toBeVisible();
  await shot(page, "console-branding");

  await page.getByRole("link", { name: "Providers" }).click();
  const form = page.getByRole("form", { name: "Add a provider" });
  await form.getByLabel("Name").fill("Demo playlist");
  await form.getByLabel("Playlist URL").fill(`${apiUrl()}/demo-origin/playlist.m3u`);
  await form.getByRole("button", { name: "Add" }).click();

  const progress = page.getByTestId("import-progress").first();
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  // The progress came over the realtime WebSocket (the server confirmed the subscription).
  await expect(progress.locator(".live-dot")).toHaveAttribute("data-live", "true");
  await shot(page, "console-providers-import");
  await page.setViewportSize({ width: 360, height: 740 });
  await shot(page, "console-providers-360");
  await page.setViewportSize({ width: 1280, height: 800 });

  for (const [link, name] of [
    ["Channels", "console-catalog"],
    ["Plans", "console-plans"],
    ["Subscriptions", "console-subscriptions"],
    ["Viewers and staff", "console-users"],
    ["Nodes", "console-nodes"],
    ["Audit log", "console-audit"],
  ] as const) {
    await page.getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: link })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await shot(page, name);
  }

  // The guide's import shows the same live progress as a provider's.
  await page.getByRole("link", { name: "Channels", exact: true }).click();
  const guide = page.getByRole("region", { name: "Guide" });
  await guide.getByRole("button", { name: "Import now" }).first().click();
  const guideProgress = guide.getByTestId("import-progress").first();
  await expect(guideProgress).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(guideProgress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await shot(page, "console-catalog-guide-import");

  // An API key made in the console works against the API, shown once.
  await page.getByRole("link", { name: "API keys", exact: true }).click();
  const keyForm = page.getByRole("form", { name: "New API key" });
  await keyForm.getByLabel("Name").fill("Billing sync");
  await keyForm.getByLabel("See subscriptions").check();
  await keyForm.getByRole("button", { name: "Create" }).click();
  const key = await page.getByRole("status").getByRole("textbox").inputValue();
  const answer = await fetch(`${apiUrl()}/v1/subscriptions`, { headers: { "x-api-key": key } });
  expect(answer.status).toBe(200);
  await shot(page, "console-api-keys");

  await page.getByRole("link", { name: "Providers", exact: true }).click();
  await page.getByLabel("Language").selectOption("es");
  await expect(page.getByRole("heading", { level: 1, name: "Proveedores" })).toBeVisible();
  await shot(page, "console-providers-es");
});
