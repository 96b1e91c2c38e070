import { expect, type Page, test } from "@playwright/test";
import { shot, uniqueEmail, webUrl } from "./_helpers.ts";

/** The first plan card on the storefront that advertises a free trial. */
function trialCard(page: Page) {
  return page
    .locator("article.plan")
    .filter({ hasText: /free trial/ })
    .first();
}

async function signUpFromTrialCard(page: Page, email: string, screenshot?: string): Promise<void> {
  await page.goto(`${webUrl()}/`);
  await trialCard(page).getByRole("link").click();
  await expect(page).toHaveURL(/\/signup\?plan=/);
  await expect(page.getByTestId("chosen-plan")).toContainText("free trial");
  await page.getByLabel("Your name").fill("Tess");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("tess-password-1234");
  if (screenshot) await shot(page, screenshot);
  await page.getByRole("button", { name: "Create account" }).click();
}

test("a new visitor takes the trial plan from the storefront, signs up and watches; the browser gets no second trial", async ({
  page,
}) => {
  await page.goto(`${webUrl()}/`);
  await expect(trialCard(page)).toBeVisible();
  await signUpFromTrialCard(page, uniqueEmail("trial"), "signup-trial-plan");

  // Sign-up for a trial plan starts the trial and opens the viewer app.
  await expect(page).toHaveURL(/\/watch$/);
  const profiles = page.getByRole("list", { name: "Who is watching?" });
  await profiles.getByRole("button").first().click();
  await expect(page).toHaveURL(/\/watch\/live/);
  await page.locator("[data-channel]").first().click();
  const video = page.locator("video");
  await expect
    .poll(async () => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 45_000 })
    .toBeGreaterThan(1);
  const device = await page.evaluate(() => localStorage.getItem("nevewatch.device"));
  expect(device).toMatch(/^[0-9a-f-]{36}$/);

  // Signed in with the trial, the storefront says so instead of offering sign-up again.
  await page.goto(`${webUrl()}/#plans`);
  await expect(page.getByRole("status")).toContainText("You are watching with");
  await expect(trialCard(page).getByRole("link")).toHaveCount(0);
  await shot(page, "storefront-viewer-with-trial");

  // Signed out (the session cookie gone, the device id kept), another e-mail from this browser.
  await page.context().clearCookies();
  await signUpFromTrialCard(page, uniqueEmail("again"));
  await expect(page).toHaveURL(/trial=start/);
  await expect(page.getByRole("status")).toContainText("Your free trial has been used");
  await expect(page.getByRole("button", { name: /free trial/ })).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem("nevewatch.device"))).toBe(device);
  await shot(page, "signup-trial-used");

  // The no-plan storefront keeps that message and leads nowhere back to sign-up.
  await page.goto(`${webUrl()}/#plans`);
  await expect(page.getByRole("status")).toContainText("Your free trial has been used");
  await expect(trialCard(page).getByRole("link")).toHaveCount(0);
  await shot(page, "storefront-viewer-trial-used");
});

test("a signed-in viewer without a plan starts the trial from the storefront", async ({ page }) => {
  // A browser context of its own: no trial was taken on this device.
  await page.goto(`${webUrl()}/signup`);
  await page.getByLabel("E-mail").fill(uniqueEmail("later"));
  await page.getByLabel("Password").fill("later-password-1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/watch/);

  await page.goto(`${webUrl()}/#plans`);
  const start = trialCard(page).getByRole("button", { name: /Start the \d+-day free trial/ });
  await expect(start).toBeVisible();
  await shot(page, "storefront-viewer-no-plan");
  await start.click();
  await expect(page).toHaveURL(/\/watch$/);
});
