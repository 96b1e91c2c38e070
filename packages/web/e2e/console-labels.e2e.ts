import { expect, type Page, test } from "@playwright/test";
import { DEMO, ensureWatchableCatalog, shot, uniqueEmail, webUrl } from "./_helpers.ts";

/** The API's ids (26 lowercase base-32 characters) and UUIDs. */
const ID = /\b[0-9a-z]{26}\b|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

async function ownerLogin(page: Page) {
  await page.goto(`${webUrl()}/login`);
  await page.getByLabel("E-mail").fill(DEMO.owner.email);
  await page.getByLabel("Password").fill(DEMO.owner.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/console/);
}

const table = (page: Page) => page.locator("main table").first();

test("the console names roles, types, themes, guide matches and kinds in the visitor's language", async ({
  page,
}) => {
  await ensureWatchableCatalog();
  await ownerLogin(page);

  // Branding: theme names are words, not codes.
  const theme = page.getByLabel("Theme");
  await expect(theme.locator("option")).toHaveText(["Dark", "Light", "Follow the device"]);

  // Users: a staff account made in the form shows as "Staff".
  await page.getByRole("link", { name: "Viewers and staff", exact: true }).click();
  const email = uniqueEmail("staff");
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Password").fill("staff-password-1234");
  await page.getByLabel("Role").selectOption({ label: "Staff" });
  await page.getByRole("button", { name: "Create" }).click();
  const row = page.getByRole("row", { name: new RegExp(email) });
  await expect(row.getByRole("cell", { name: "Staff", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Owner", exact: true }).first()).toBeVisible();
  await expect(page.locator("main table")).not.toContainText(/store_staff|store_owner|Viewer\s*viewer/);
  for (const code of ["viewer", "store_staff", "store_owner"])
    await expect(page.getByRole("cell", { name: code, exact: true })).toHaveCount(0);
  // The viewer's plan by name (it showed as the plan's id after an in-app navigation).
  await expect(page.getByRole("row", { name: /viewer@nevewatch\.test/ })).toContainText(/ → /);
  await expect(page.locator("main table")).not.toContainText(ID);
  await shot(page, "console-users-labels");

  // Channels: item types, category types and how each channel found its guide.
  await page.getByRole("link", { name: "Channels", exact: true }).click();
  await expect(page.getByRole("cell", { name: "Live channel", exact: true }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "Guide id", exact: true }).first()).toBeVisible();
  await expect(page.locator("main")).not.toContainText("epg-id");
  await expect(page.locator("select[name=type] option")).toHaveText(["Live TV", "Movies", "Series"]);
  for (const code of ["live", "movie", "series"])
    await expect(page.getByRole("cell", { name: code, exact: true })).toHaveCount(0);
  await shot(page, "console-catalog-labels");

  // Providers: kinds as words.
  await page.getByRole("link", { name: "Providers", exact: true }).click();
  await expect(page.getByRole("cell", { name: "M3U playlist", exact: true }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "m3u", exact: true })).toHaveCount(0);

  // API keys: permissions as sentences.
  await page.getByRole("link", { name: "API keys", exact: true }).click();
  await expect(page.getByLabel("See subscriptions")).toBeVisible();

  // Audit log: what happened, by whom, to what, by name; no ids.
  await page.getByRole("link", { name: "Audit log", exact: true }).click();
  const created = page.getByRole("row", { name: new RegExp(`Account created by the store.*${email}`) });
  await expect(created.first()).toBeVisible();
  await expect(created.first()).toContainText(DEMO.owner.email);
  await expect(table(page)).not.toContainText(ID);
  // An action without a label shows as its code: every one the demo made has a label.
  await expect(table(page).locator("code")).toHaveCount(0);
  await expect(table(page)).not.toContainText(
    /\b(?:auth|user|store|plan|subscription|api_key|domain|catalog|epg|node|job|provider)\.[a-z_]+\b/,
  );
  await shot(page, "console-audit-names");

  // The same in Spanish.
  await page.getByLabel("Language").selectOption("es");
  await expect(page.getByRole("cell", { name: "Cuenta creada por la tienda" }).first()).toBeVisible();
  await shot(page, "console-audit-names-es");
  await page.getByRole("link", { name: "Espectadores y personal" }).click();
  await expect(
    page.getByRole("row", { name: new RegExp(email) }).getByRole("cell", { name: "Personal" }),
  ).toBeVisible();
  await page.getByLabel("Idioma").selectOption("en");
});
