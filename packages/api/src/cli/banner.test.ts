import { describe, expect, test } from "bun:test";
import { banner } from "./banner.ts";

const embedded = { DATABASE_URL: "sqlite:./data/nevewatch.db", CACHE_URL: "memory:" };
const demo = {
  channels: 6,
  m3uUrl: "http://127.0.0.1:8080/get.php?username=u1&password=line-secret&type=m3u_plus",
};
const apiUrl = "http://127.0.0.1:8080";

describe("start banner", () => {
  test("in development prints the demo logins and where the platform admin signs in", () => {
    const text = banner({
      config: { ...embedded, isProduction: false, WEB_URL: "http://127.0.0.1:3000" },
      apiUrl,
      demo,
      hasAdmin: true,
    });
    expect(text).toContain("admin   admin@nevewatch.test     nevewatch-admin");
    expect(text).toContain("viewer@nevewatch.test");
    expect(text).toContain("nevewatch-viewer");
    expect(text).toContain("Platform admin console: http://127.0.0.1:3000/admin");
    expect(text).toContain("Web app:   http://127.0.0.1:3000/?store=demo");
    expect(text).toContain(demo.m3uUrl);
  });

  test("names the /admin path when the web app's URL is not known", () => {
    const text = banner({ config: { ...embedded, isProduction: false }, apiUrl, demo, hasAdmin: true });
    expect(text).toContain("Platform admin console: the web app's /admin path");
  });

  test("in production with demo data prints the demo e-mails but no password, nor the playlist carrying one", () => {
    const text = banner({ config: { ...embedded, isProduction: true }, apiUrl, demo, hasAdmin: true });
    expect(text).toContain("viewer@nevewatch.test");
    for (const password of ["nevewatch-admin", "nevewatch-owner", "nevewatch-viewer", "line-secret"])
      expect(text).not.toContain(password);
    expect(text).toContain("change them");
  });

  test("in production without demo data says how to make the first platform admin", () => {
    const config = { DATABASE_URL: "mongodb://db/nw", CACHE_URL: "redis://cache:6379", isProduction: true };
    const text = banner({ config, apiUrl, hasAdmin: false });
    expect(text).toContain("(production: MongoDB + Redis, no demo data)");
    expect(text).toContain("nevewatch-api admin create --email <e-mail> --password <password>");
    expect(text).not.toContain("@nevewatch.test");
    expect(banner({ config, apiUrl, hasAdmin: true })).not.toContain("admin create");
  });
});
