import { afterAll, describe, expect, test } from "bun:test";
import { MongoClient } from "mongodb";
import { describeStoreContract } from "./contract.ts";
import { databaseName, MongoStore } from "./mongo.ts";

const url = process.env.MONGODB_URL;

describe("databaseName", () => {
  test("reads the database from the URL path and defaults to nevewatch", () => {
    expect(databaseName("mongodb://db.example:27017/iptv?retryWrites=true")).toBe("iptv");
    expect(databaseName("mongodb+srv://u:p@cluster.example/prod")).toBe("prod");
    expect(databaseName("mongodb://a:1,b:2/?replicaSet=rs0")).toBe("nevewatch");
    expect(databaseName("mongodb://localhost")).toBe("nevewatch");
  });
});

if (url) {
  // A throwaway database per run, dropped afterwards, so runs never see each other's data.
  const dbName = `nevewatch_contract_${crypto.randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    const client = new MongoClient(url);
    await client.db(dbName).dropDatabase();
    await client.close();
  });
  describeStoreContract("mongo", async () => new MongoStore(url, dbName));
} else {
  test.skip("document store contract: mongo (set MONGODB_URL to run it against a live MongoDB)", () => {});
}
