import { expect, test } from "@playwright/test";
import { DEMO, shot, signUpViewer, webUrl } from "./_helpers.ts";
import { linkIn, waitForMail } from "./_mail.ts";

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

test("a viewer confirms the e-mail address and resets a forgotten password from the mails", async ({
  page,
}) => {
  const email = await signUpViewer(page, "forgetful", "first-password-1234");

  // The sign-up mail's link confirms the address on the web app's page.
  const welcome = await waitForMail(email, /verify-email/);
  const verify = linkIn(welcome, "/verify-email");
  expect(new URL(verify).origin).toBe(new URL(webUrl()).origin);
  await page.goto(verify);
  await expect(page.getByRole("status")).toHaveText("Your e-mail address is confirmed.");
  await shot(page, "verify-email");
  await page.goto(verify);
  await expect(page.getByRole("alert")).toHaveAttribute("data-code", "token_invalid");

  await page.goto(`${webUrl()}/watch`);
  await page.getByRole("button", { name: "Log out" }).click();
  await page.goto(`${webUrl()}/login`);
  await shot(page, "login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText(`If ${email} has an account here`);
  await shot(page, "forgot-password-sent");

  const mail = await waitForMail(email, /reset-password/);
  const reset = linkIn(mail, "/reset-password");
  expect(new URL(reset).origin).toBe(new URL(webUrl()).origin);
  await page.goto(reset);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password").fill("second-password-1234");
  await shot(page, "reset-password");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");
  await shot(page, "reset-password-done");

  // The link worked once.
  await page.goto(reset);
  await page.getByLabel("New password").fill("third-password-1234");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByRole("alert")).toHaveAttribute("data-code", "token_invalid");
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();

  await page.goto(`${webUrl()}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("second-password-1234");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/watch/);
});
