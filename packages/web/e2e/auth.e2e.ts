import { expect, test } from "@playwright/test";
import { DEMO, shot, webUrl } from "./_helpers.ts";

test("the platform admin at the storefront login is sent to the platform admin, not told the password is wrong", async ({
  page,
}) => {
  await page.goto(`${webUrl()}/login`);
  await page.getByLabel("E-mail").fill(DEMO.admin.email);
  await page.getByLabel("Password").fill(DEMO.admin.password);
  await page.getByRole("button", { name: "Log in" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toHaveAttribute("data-code", "platform_account");
  await expect(alert).toContainText("platform admin account");
  await expect(alert).not.toContainText("wrong");
  await shot(page, "login-platform-admin-at-store");

  await alert.getByRole("link", { name: "Go to the platform admin" }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin/);
  await page.getByLabel("E-mail").fill(DEMO.admin.email);
  await page.getByLabel("Password").fill(DEMO.admin.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("cell", { name: DEMO.store, exact: true })).toBeVisible();
});
