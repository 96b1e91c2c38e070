import { type Browser, expect, test } from "@playwright/test";
import { ensureWatchableCatalog, grantPlan, shot, signUpViewer, webUrl } from "./_helpers.ts";

const PASSWORD = "screens-password-1234";

async function watchOn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${webUrl()}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("list", { name: "Who is watching?" }).getByRole("button").first().click();
  await page.locator("[data-channel]").first().click();
  return page;
}

test("a viewer past the plan's screens is told which screen limit stops playback", async ({
  browser,
  page,
}) => {
  await ensureWatchableCatalog();
  const email = await signUpViewer(page, "screens", PASSWORD);
  await grantPlan(email, "Demo Basic");

  // Demo Basic allows two screens: two devices play, the third is refused by its problem code.
  const first = await watchOn(browser, email);
  await expect
    .poll(() => first.locator("video").evaluate((v: HTMLVideoElement) => v.currentTime))
    .toBeGreaterThan(0);
  const second = await watchOn(browser, email);
  await expect
    .poll(() => second.locator("video").evaluate((v: HTMLVideoElement) => v.currentTime))
    .toBeGreaterThan(0);
  const third = await watchOn(browser, email);
  const refusal = third.locator(".player [role=alert]");
  await expect(refusal).toHaveAttribute("data-code", "screen_limit_reached");
  await expect(refusal).toContainText("as many screens as your plan allows");
  await shot(third, "viewer-screen-limit");

  // The account page lists the screens in use and can free one.
  await third.getByRole("link", { name: "Account" }).click();
  await expect(third.getByRole("heading", { name: /Screens in use \(2 \/ 2\)/ })).toBeVisible();
  await shot(third, "viewer-account-screens");
});

test("closing a tab frees its screen at once, and a reload takes its own screen back", async ({
  browser,
  page,
}) => {
  await ensureWatchableCatalog();
  const email = await signUpViewer(page, "screens-close", PASSWORD);
  await grantPlan(email, "Demo Basic");
  const playing = (p: typeof page) =>
    expect
      .poll(() => p.locator("video").evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 })
      .toBeGreaterThan(0);

  const first = await watchOn(browser, email);
  await playing(first);
  const second = await watchOn(browser, email);
  await playing(second);
  // A reload is the same device: it gets its own screen back instead of screen_limit_reached.
  await second.reload();
  const picker = second.getByRole("list", { name: "Who is watching?" }).getByRole("button").first();
  await expect(picker.or(second.locator("[data-channel]").first())).toBeVisible();
  if (await picker.isVisible()) await picker.click();
  await second.locator("[data-channel]").first().click();
  await playing(second);
  await expect(second.locator(".player [role=alert]")).toHaveCount(0);

  const third = await watchOn(browser, email);
  await expect(third.locator(".player [role=alert]")).toHaveAttribute("data-code", "screen_limit_reached");
  // The first tab closes: its pagehide releases the screen (no 30 s wait for the lease to lapse).
  await first.close({ runBeforeUnload: true });
  const closedAt = Date.now();
  await expect
    .poll(
      async () => {
        await third
          .getByRole("button", { name: "Try again" })
          .click({ timeout: 1000 })
          .catch(() => undefined);
        return third.locator("video").evaluate((v: HTMLVideoElement) => v.currentTime);
      },
      { timeout: 20_000, intervals: [500] },
    )
    .toBeGreaterThan(0);
  expect(Date.now() - closedAt).toBeLessThan(15_000);
});
