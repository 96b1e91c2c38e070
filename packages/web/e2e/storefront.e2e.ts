import { expect, test } from "@playwright/test";
import { apiUrl, DEMO, shot, uniqueEmail, webUrl } from "./_helpers.ts";

async function publicStore() {
  const headers = { "x-store": DEMO.store };
  const store = (await (await fetch(`${apiUrl()}/v1/public/store`, { headers })).json()) as { name: string };
  const plans = (await (await fetch(`${apiUrl()}/v1/public/plans`, { headers })).json()) as {
    items: { name: string }[];
  };
  return { name: store.name, plan: plans.items[0]?.name ?? "" };
}

test("the storefront is server-rendered with the store's name, plans and metadata", async ({
  page,
  request,
}) => {
  const { name, plan } = await publicStore();
  const html = await (await request.get(`${webUrl()}/`)).text();
  expect(html).toContain(`<title`);
  expect(html).toContain(`${name}: live TV`);
  expect(html).toContain('property="og:title"');
  expect(html).toContain(plan);

  await page.goto(`${webUrl()}/`);
  await expect(page).toHaveTitle(new RegExp(name));
  await expect(page.getByRole("heading", { name: plan, exact: true })).toBeVisible();
  await shot(page, "storefront");

  await page.setViewportSize({ width: 360, height: 740 });
  await shot(page, "storefront-360");
});

test("the storefront speaks Spanish when the visitor chooses it", async ({ page }) => {
  await page.goto(`${webUrl()}/`);
  await page.getByLabel("Language").selectOption("es");
  await expect(page.getByRole("heading", { name: "Planes" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Planes" })).toBeVisible();
  await shot(page, "storefront-es");
});

test("a new viewer signs up and lands in the viewer app; page scripts never hold the refresh token", async ({
  page,
}) => {
  await page.goto(`${webUrl()}/signup`);
  await page.getByLabel("Your name").fill("Ana");
  await page.getByLabel("E-mail").fill(uniqueEmail("ana"));
  await page.getByLabel("Password").fill("ana-password-1234");
  await shot(page, "signup");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/watch/);
  const profiles = page.getByRole("list", { name: "Who is watching?" });
  await expect(profiles.getByRole("button").first()).toBeVisible();

  // No token in page storage: the refresh token is an httpOnly cookie of the /api proxy.
  const storage = () => page.evaluate(() => JSON.stringify(localStorage));
  expect(await storage()).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  expect(await storage()).not.toContain("nwr_");
  const refreshCookie = async () =>
    (await page.context().cookies()).find((c) => c.name === `nw_refresh_${DEMO.store}`);
  const issued = await refreshCookie();
  expect(issued).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/v1/auth" });
  expect(issued?.value).toMatch(/^nwr_/);

  // A reload gets a new access token through the cookie (which rotates) and stays signed in.
  await page.reload();
  await expect(page).toHaveURL(/\/watch/);
  await expect(profiles.getByRole("button").first()).toBeVisible();
  await expect.poll(async () => (await refreshCookie())?.value).not.toBe(issued?.value);
  expect(await storage()).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+|nwr_/);

  // Not even a page under the cookie's path can read it.
  await page.goto(`${webUrl()}/api/v1/auth/me`);
  expect(await page.evaluate(() => document.cookie)).not.toContain("nw_refresh");

  // Logging out clears it: the next visit to the viewer app asks to log in.
  await page.goto(`${webUrl()}/watch`);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect.poll(refreshCookie).toBeUndefined();
  await page.goto(`${webUrl()}/watch`);
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password shows the invalid_credentials message", async ({ page }) => {
  await page.goto(`${webUrl()}/login`);
  await page.getByLabel("E-mail").fill(DEMO.owner.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveAttribute("data-code", "invalid_credentials");
  await shot(page, "login-error");
});

test("on an address that names no store, a new owner opens a store and lands in its console", async ({
  page,
}) => {
  await page.goto(`${webUrl()}/?store=no-such-store`);
  await expect(page.getByRole("heading", { name: "No store here" })).toBeVisible();
  const form = page.getByRole("form", { name: "Open your own store" });
  const slug = `shop-${Date.now().toString(36)}`;
  await form.getByLabel("Store name").fill("Shop TV");
  await form.getByLabel("Slug").fill(slug);
  await form.getByLabel("E-mail").fill(uniqueEmail("founder"));
  await form.getByLabel("Password").fill("founder-password-1234");
  await shot(page, "platform-store-signup");
  await form.getByRole("button", { name: "Create my store" }).click();
  await expect(page).toHaveURL(/\/console/);
  await expect(page.getByRole("heading", { name: "Branding" })).toBeVisible();
  await expect(page.locator(".brand")).toContainText("Shop TV");
});
