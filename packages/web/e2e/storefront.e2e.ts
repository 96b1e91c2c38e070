import { expect, test } from "@playwright/test";
import { DEMO, shot, uniqueEmail, webUrl } from "./_helpers.ts";

test("the storefront is server-rendered with the store's name, plans and metadata", async ({
  page,
  request,
}) => {
  const html = await (await request.get(`${webUrl()}/`)).text();
  expect(html).toContain("<title");
  expect(html).toContain('property="og:title"');
  expect(html).toContain("Family");

  await page.goto(`${webUrl()}/`);
  await expect(page).toHaveTitle(/Demo TV/);
  await expect(page.getByRole("heading", { name: "Family" })).toBeVisible();
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

test("a new viewer signs up and lands in the viewer app", async ({ page }) => {
  await page.goto(`${webUrl()}/signup`);
  await page.getByLabel("Your name").fill("Ana");
  await page.getByLabel("E-mail").fill(uniqueEmail("ana"));
  await page.getByLabel("Password").fill("ana-password-1234");
  await shot(page, "signup");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/watch/);
});

test("a wrong password shows the invalid_credentials message", async ({ page }) => {
  await page.goto(`${webUrl()}/login`);
  await page.getByLabel("E-mail").fill(DEMO.owner.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveAttribute("data-code", "invalid_credentials");
  await shot(page, "login-error");
});
