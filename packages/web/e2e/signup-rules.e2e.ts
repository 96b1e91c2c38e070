import { expect, test } from "@playwright/test";
import { shot, signUpViewer, uniqueEmail, webUrl } from "./_helpers.ts";
import { linkIn, waitForMail } from "./_mail.ts";

test("the sign-up form shows the password rules before the viewer types and names the one broken", async ({
  page,
  context,
}) => {
  await page.goto(`${webUrl()}/signup`);
  const password = page.getByLabel("Password");
  await expect(password).toHaveValue("");
  await expect(page.getByText("At least 10 characters; long passphrases")).toBeVisible();
  await expect(password).toHaveAccessibleDescription(/Not a common password/);

  await page.getByLabel("E-mail").fill(uniqueEmail("rules"));
  await password.fill("password12");
  await page.getByRole("button", { name: "Create account" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toHaveAttribute("data-rule", "common");
  await expect(alert).toHaveText("That is one of the most common passwords: choose another.");
  await shot(page, "signup-password-common");

  await password.fill("tranquil harbour at dusk 🌊");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/watch/);

  await context.clearCookies();
  await context.addCookies([{ name: "nw_lang", value: "es", url: webUrl() }]);
  await page.goto(`${webUrl()}/signup`);
  await expect(page.getByText("Al menos 10 caracteres; las frases largas")).toBeVisible();
  await page.getByLabel("Correo").fill(uniqueEmail("reglas"));
  await page.getByLabel("Contraseña").fill("aaaaaaaaaaaa");
  await page.getByRole("button", { name: "Crear cuenta" }).click();
  await expect(page.getByRole("alert")).toHaveAttribute("data-rule", "repetitive");
  await expect(page.getByRole("alert")).toContainText("serie repetida");
  await shot(page, "signup-password-repetitive-es");
});

test("signing up with a taken e-mail looks like a new sign-up, leaves the account alone and mails its owner", async ({
  page,
  context,
}) => {
  const email = await signUpViewer(page, "taken", "original-password-1234");
  await context.clearCookies();
  await page.evaluate(() => localStorage.clear());

  await page.goto(`${webUrl()}/signup`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("someone-elses-guess-5678");
  await page.getByRole("button", { name: "Create account" }).click();
  // Where a new viewer lands too; the pending session can do nothing there but say why.
  await expect(page).toHaveURL(/\/watch/);
  await expect(page.getByRole("alert").first()).toHaveAttribute("data-code", "email_unverified");
  await expect(page.getByRole("alert").first()).toContainText("If you already have an account here");
  await shot(page, "signup-taken-email");

  const notice = await waitForMail(email, /Someone tried to create an account/);
  const login = linkIn(notice, "/login");
  await context.clearCookies();
  await page.evaluate(() => localStorage.clear());
  await page.goto(login);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("original-password-1234");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/watch/);
  await expect(page.locator('[data-code="email_unverified"]')).toHaveCount(0);
});

test("the reset page shows the rules and keeps the link after a refused password", async ({
  page,
  context,
}) => {
  const email = await signUpViewer(page, "reset-rules", "first-password-1234");
  await context.clearCookies();
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${webUrl()}/forgot-password`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  const reset = linkIn(await waitForMail(email, /reset-password/), "/reset-password");

  await page.goto(reset);
  await expect(page.getByText("At least 10 characters; long passphrases")).toBeVisible();
  await page.getByLabel("New password").fill(email);
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByRole("alert")).toHaveAttribute("data-rule", "contains_email");
  await shot(page, "reset-password-contains-email");
  await page.getByLabel("New password").fill("second-password-1234");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");
});
