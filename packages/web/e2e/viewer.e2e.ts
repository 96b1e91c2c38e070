import { expect, test } from "@playwright/test";
import { ensureWatchableCatalog, grantPlan, shot, signUpViewer } from "./_helpers.ts";

test("a new viewer signs up, is granted a plan by the owner, and a demo channel plays", async ({ page }) => {
  await ensureWatchableCatalog();
  const email = await signUpViewer(page, "viewer");

  // Without a plan, playing says so by its problem code.
  const profiles = page.getByRole("list", { name: "Who is watching?" });
  await expect(profiles.getByRole("button").first()).toBeVisible();
  await shot(page, "viewer-profiles");
  await profiles.getByRole("button").first().click();
  await expect(page).toHaveURL(/\/watch\/live/);
  await expect(page.getByRole("alert")).toHaveAttribute("data-code", "no_subscription");
  await shot(page, "viewer-live-no-plan");

  await grantPlan(email);
  await page.reload();
  await page.locator("[data-channel]").first().click();
  const video = page.locator("video");
  await expect
    .poll(async () => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 45_000 })
    .toBeGreaterThan(1);
  await shot(page, "viewer-live-playing");

  // Keyboard: arrows move through the channel list, Enter plays, PageUp is channel up.
  await page.locator("[data-channel]").first().focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-channel]").nth(1)).toHaveAttribute("aria-current", "true");
  await page.locator("video").focus();
  await page.keyboard.press("PageUp");
  await expect(page.locator("[data-channel]").nth(2)).toHaveAttribute("aria-current", "true");

  // Favorites live on the profile in the API: they survive a reload.
  const star = page.getByRole("button", { name: /^Add .* to favorites$/ }).first();
  await star.click();
  await expect(page.getByRole("button", { name: /^Remove .* from favorites$/ })).toHaveCount(1);
  await page.reload();
  await page.getByRole("button", { name: "★ Favorites" }).click();
  await expect(page.locator("[data-channel]")).toHaveCount(1);
  await page.getByRole("button", { name: "↺ Recently watched" }).click();
  await expect(page.locator("[data-channel]").first()).toBeVisible();
  await page.getByRole("button", { name: "All channels" }).click();

  await page.setViewportSize({ width: 360, height: 740 });
  await shot(page, "viewer-live-360");
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole("link", { name: "Guide" }).click();
  await expect(page.getByRole("heading", { name: "TV guide" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await shot(page, "viewer-guide");
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByTestId("subscription")).toBeVisible();
  await shot(page, "viewer-account");
  await page.getByRole("link", { name: "Search" }).click();
  await page.getByRole("searchbox", { name: "Search" }).fill("Neve");
  await expect(page.getByRole("link", { name: /Neve One/ }).first()).toBeVisible();
  await shot(page, "viewer-search");
  await page.getByRole("link", { name: "Movies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Movies" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await shot(page, "viewer-movies");
});
