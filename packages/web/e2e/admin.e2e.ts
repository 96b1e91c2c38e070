import { expect, test } from "@playwright/test";
import { DEMO, shot, webUrl } from "./_helpers.ts";

test("the platform admin sees the stores and the nodes", async ({ page }) => {
  await page.goto(`${webUrl()}/admin`);
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin/);
  await page.getByLabel("E-mail").fill(DEMO.admin.email);
  await page.getByLabel("Password").fill(DEMO.admin.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("cell", { name: DEMO.store, exact: true })).toBeVisible();
  await shot(page, "admin-stores");
  await page.getByRole("link", { name: "Nodes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nodes" })).toBeVisible();
  const nodeName = `edge-e2e-${Date.now().toString(36)}`;
  const form = page.getByRole("form", { name: "Declare a node" });
  await form.getByLabel("Name").fill(nodeName);
  await form.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("status")).toContainText(nodeName);
  await expect(page.getByRole("cell", { name: nodeName })).toBeVisible();
  await shot(page, "admin-nodes");
  await page.getByRole("link", { name: "Metrics" }).click();
  await expect(page.getByText("API requests")).toBeVisible();
  await shot(page, "admin-metrics");
});
