import { expect, test } from "@playwright/test";
import { ensureWatchableCatalog, grantPlan, shot, signUpViewer, webUrl } from "./_helpers.ts";

test("the player settings on the account page are URLs that work in IPTV players", async ({ page }) => {
  await ensureWatchableCatalog();
  const email = await signUpViewer(page, "player");
  await grantPlan(email);
  await page.getByRole("list", { name: "Who is watching?" }).getByRole("button").first().click();
  await page.getByRole("link", { name: "Account" }).click();
  const line = page.getByTestId("line");
  await expect(line).toBeVisible();
  await shot(page, "viewer-account-player-settings");

  const field = (label: string) => line.locator("label", { hasText: label }).locator("input").inputValue();
  const server = await field("Server (Xtream Codes)");
  const username = await field("Username");
  const password = await field("Password");
  const m3u = await field("M3U playlist URL");
  const xmltv = await field("XMLTV guide URL");
  // One address for the viewer: the one they opened the app on.
  for (const url of [server, m3u, xmltv]) expect(new URL(url).origin).toBe(new URL(webUrl()).origin);

  // A player reads these with no cookie and no store header, like VLC or TiviMate would.
  const playlist = await fetch(m3u);
  expect(playlist.status).toBe(200);
  const text = await playlist.text();
  expect(text.startsWith("#EXTM3U")).toBe(true);
  const streamUrl = text.split("\n").find((l) => /\/live\/[^/]+\/[^/]+\/\d+\.\w+$/.test(l.trim()));
  expect(streamUrl, "the playlist lists a live stream").toBeDefined();

  // The playlist's stream URL answers the redirect to the stream, which then plays.
  const stream = await fetch(String(streamUrl).trim(), { redirect: "manual" });
  expect(stream.status).toBe(302);
  const location = stream.headers.get("location") ?? "";
  const media = await fetch(location);
  expect(media.status).toBe(200);
  const reader = (media.body as ReadableStream<Uint8Array>).getReader();
  const first = await reader.read();
  expect(first.value?.byteLength ?? 0).toBeGreaterThan(0);
  await reader.cancel();

  const guide = await fetch(xmltv);
  expect(guide.status).toBe(200);
  expect(guide.headers.get("content-type")).toContain("xml");
  expect(await guide.text()).toContain("<tv");

  const query = `username=${encodeURIComponent(username)}&password=${encodeURIComponent(password)}`;
  const info = await fetch(`${server}/player_api.php?${query}`);
  expect(info.status).toBe(200);
  const body = (await info.json()) as { user_info: { auth: number; username: string } };
  expect(body.user_info.auth).toBe(1);
  expect(body.user_info.username).toBe(username);
  const channels = await fetch(`${server}/player_api.php?${query}&action=get_live_streams`);
  expect(((await channels.json()) as unknown[]).length).toBeGreaterThan(0);
});
