import { expect, test } from "@playwright/test";
import { ensureWatchableCatalog, grantPlan, shot, signUpViewer } from "./_helpers.ts";

const currentTime = (page: import("@playwright/test").Page) =>
  page.locator("video").evaluate((v: HTMLVideoElement) => v.currentTime);

test("a viewer pauses the demo film, comes back, and continues watching from there; series open their episodes", async ({
  page,
}) => {
  await ensureWatchableCatalog();
  const email = await signUpViewer(page, "vod");
  await grantPlan(email);
  await page.getByRole("list", { name: "Who is watching?" }).getByRole("button").first().click();
  await expect(page).toHaveURL(/\/watch\/live/);

  await page.getByRole("link", { name: "Movies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Movies" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Continue watching" })).toHaveCount(0);
  // The owner's test may have imported the demo playlist once more: any copy of the film will do.
  await page.getByRole("button", { name: "Neve Reel (2026)" }).first().click();
  await expect.poll(() => currentTime(page), { timeout: 30_000 }).toBeGreaterThan(2);
  await page.locator("video").evaluate((v: HTMLVideoElement) => v.pause());
  const pausedAt = await currentTime(page);
  expect(pausedAt).toBeLessThan(5.5);
  await shot(page, "viewer-movie-playing");

  // The position lives on the profile in the API: a reload shows it and resumes there. Each try
  // reloads and gives the page time to load its lists (a count taken at once after a reload
  // raced the page's own requests and could miss the shelf every time on a slow machine).
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("heading", { name: "Continue watching" })).toBeVisible({ timeout: 4000 });
  }).toPass({ timeout: 30_000 });
  const resume = page
    .getByRole("region", { name: "Continue watching" })
    .getByRole("button", { name: /Neve Reel/ });
  await expect(resume).toBeVisible();
  await shot(page, "viewer-movies-continue");
  await resume.click();
  await expect
    .poll(() => currentTime(page), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(Math.floor(pausedAt));

  await page.getByRole("link", { name: "Series" }).click();
  await page.getByRole("button", { name: "Neve Tales" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Neve Tales" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Neve Tales S01 E0\d$/ })).toHaveCount(3);
  await page.getByRole("button", { name: "Neve Tales S01 E02" }).click();
  await expect.poll(() => currentTime(page), { timeout: 30_000 }).toBeGreaterThan(1);
  await shot(page, "viewer-series-episode");
});
