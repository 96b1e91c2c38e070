import { expect, test } from "bun:test";
import { createClient } from "./client.ts";
import { memoryTokenStore } from "./token-store.ts";

test("realtimeUrl is the /v1/ws WebSocket URL carrying the current access token", async () => {
  const client = createClient({
    baseUrl: "https://api.example.com/",
    tokens: memoryTokenStore({ accessToken: "abc.def.ghi", refreshToken: null }),
  });
  expect(await client.realtimeUrl()).toBe("wss://api.example.com/v1/ws?access_token=abc.def.ghi");
});
