import { expect, test } from "@playwright/test";
import { apiUrl, DEMO, shot, webUrl } from "./_helpers.ts";

test("an unknown address answers 404 with a page in the store's branding", async ({ page, request }) => {
  const store = (await (
    await fetch(`${apiUrl()}/v1/public/store`, { headers: { "x-store": DEMO.store } })
  ).json()) as {
    name: string;
    branding: { primaryColor: string };
  };
  for (const path of ["/no-such-page", "/watch/no-such-page", "/console/nothing/here"]) {
    const answer = await request.get(`${webUrl()}${path}`);
    expect({ path, status: answer.status() }).toEqual({ path, status: 404 });
    const html = await answer.text();
    expect(html).toContain("This page does not exist");
    expect(html).toContain(store.name);
  }

  const response = await page.goto(`${webUrl()}/no-such-page`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "This page does not exist" })).toBeVisible();
  await expect(page).toHaveTitle(`Page not found · ${store.name}`);
  await expect(page.locator(".app")).toHaveAttribute("style", new RegExp(store.branding.primaryColor, "i"));
  await shot(page, "not-found");

  await page.getByLabel("Language").selectOption("es");
  await expect(page.getByRole("heading", { level: 1, name: "Esta página no existe" })).toBeVisible();
  await shot(page, "not-found-es");
  await page.getByRole("link", { name: `Volver a ${store.name}` }).click();
  await expect(page).toHaveURL(`${webUrl()}/`);
  await page.getByLabel("Idioma").selectOption("en");
});
