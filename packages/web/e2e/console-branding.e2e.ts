import { expect, test } from "@playwright/test";
import { apiUrl, DEMO, shot, webUrl } from "./_helpers.ts";

test("saving the branding says so, and the header shows the new name at once; a refused value says why", async ({
  page,
}) => {
  const before = (
    (await (await fetch(`${apiUrl()}/v1/public/store`, { headers: { "x-store": DEMO.store } })).json()) as {
      name: string;
    }
  ).name;
  await page.goto(`${webUrl()}/login`);
  await page.getByLabel("E-mail").fill(DEMO.owner.email);
  await page.getByLabel("Password").fill(DEMO.owner.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/console/);
  const form = page.locator("main form").first();
  const brand = page.locator("header .brand");
  await expect(brand).toHaveText(new RegExp(before));

  const renamed = `${before} ${Date.now().toString(36)}`;
  await form.getByLabel("Name").fill(renamed);
  await expect(form.getByRole("status")).toHaveCount(0);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText(/Saved/);
  // The header (server-rendered store context) follows without a reload.
  await expect(brand).toHaveText(new RegExp(renamed));
  await shot(page, "console-branding-saved");

  // Editing again clears the note; a value the API refuses is shown on the form, not as "saved".
  await form.getByLabel("Name").fill("N".repeat(200));
  await expect(form.getByRole("status")).toHaveCount(0);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("alert")).toHaveAttribute("data-code", "validation_failed");
  await expect(form.getByRole("status")).toHaveCount(0);
  await shot(page, "console-branding-refused");

  await form.getByLabel("Name").fill(before);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status")).toHaveText(/Saved/);
  await expect(brand).toHaveText(new RegExp(`^.?${before}$`));
});
