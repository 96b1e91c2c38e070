/**
 * Provider storage and rules. Secrets are sealed before they reach storage and masked on the
 * way out; only `openAccount` (for importers and `resolveSources`) ever sees them in clear.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { Actor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { newId, scan, scoped } from "../../db/mod.ts";
import type { Collection, Patch } from "../../db/port.ts";
import { AppError } from "../../errors/app-error.ts";
import { openAccounts, type UpstreamCredentials } from "./credentials.ts";
import {
  type Account,
  type AccountInput,
  type CreateProviderInput,
  PROVIDERS_COLLECTION,
  type Provider,
  type ProviderDoc,
  type UpdateProviderInput,
  type UpstreamAccountDoc,
} from "./model.ts";
import { syncRefreshSchedule } from "./schedule.ts";
import { maskSecret, maskUrl, openSecret, sealSecret } from "./secret-box.ts";

type Ctx = Pick<AppContext, "store" | "config">;

export function providers(ctx: Pick<AppContext, "store">, storeId: string): Collection<ProviderDoc> {
  return scoped(ctx.store.collection<ProviderDoc>(PROVIDERS_COLLECTION), storeId);
}

function notFound(what = "Provider"): AppError {
  return new AppError("not_found", `${what} not found`);
}

/** What an account shows: whether secrets are set and a hint, never the values. */
export async function toAccount(ctx: Ctx, doc: UpstreamAccountDoc): Promise<Account> {
  return {
    id: doc.id,
    label: doc.label,
    url: doc.url ? maskUrl(await openSecret(ctx.config, doc.url)) : null,
    username: doc.username ? maskSecret(await openSecret(ctx.config, doc.username)) : null,
    hasPassword: doc.password !== null,
    maxConnections: doc.maxConnections,
    priority: doc.priority,
    enabled: doc.enabled,
  };
}

export async function toProvider(ctx: Ctx, doc: ProviderDoc): Promise<Provider> {
  const { _id, _v, storeId, accounts, ...rest } = doc;
  return { id: _id, ...rest, accounts: await Promise.all(accounts.map((a) => toAccount(ctx, a))) };
}

/** Audit pictures carry no secrets: masked accounts only. */
function auditView(provider: Provider): unknown {
  return provider;
}

async function seal(ctx: Ctx, value: string | undefined): Promise<string | null> {
  return value === undefined ? null : sealSecret(ctx.config, value);
}

function checkAccount(kind: ProviderDoc["kind"], input: AccountInput): void {
  if (kind === "m3u" && input.url === undefined)
    throw new AppError("validation_failed", "An M3U account needs the playlist url", { on: "body" });
  if (kind === "xtream" && (input.username === undefined || input.password === undefined))
    throw new AppError("validation_failed", "An Xtream Codes account needs a username and a password", {
      on: "body",
    });
}

async function newAccount(ctx: Ctx, kind: ProviderDoc["kind"], input: AccountInput, index: number) {
  checkAccount(kind, input);
  return {
    id: newId(),
    label: input.label ?? `Account ${index + 1}`,
    url: await seal(ctx, input.url),
    username: await seal(ctx, input.username),
    password: await seal(ctx, input.password),
    maxConnections: input.maxConnections ?? 1,
    priority: input.priority ?? index,
    enabled: input.enabled ?? true,
  } satisfies UpstreamAccountDoc;
}

export async function listProviders(ctx: Ctx, storeId: string): Promise<Provider[]> {
  const page = await providers(ctx, storeId).find({}, { sort: [["priority", 1]], limit: 1000 });
  return Promise.all(page.items.map((doc) => toProvider(ctx, doc)));
}

export async function getProviderDoc(ctx: Pick<AppContext, "store">, storeId: string, id: string) {
  const doc = await providers(ctx, storeId).get(id);
  if (!doc) throw notFound();
  return doc;
}

export async function getProvider(ctx: Ctx, storeId: string, id: string): Promise<Provider> {
  return toProvider(ctx, await getProviderDoc(ctx, storeId, id));
}

export async function createProvider(
  ctx: Ctx,
  storeId: string,
  input: CreateProviderInput,
  by: Actor,
): Promise<Provider> {
  if (input.kind === "xtream" && input.baseUrl === undefined)
    throw new AppError("validation_failed", "An Xtream Codes provider needs its baseUrl", { on: "body" });
  const now = new Date().toISOString();
  const accounts = await Promise.all(input.accounts.map((a, i) => newAccount(ctx, input.kind, a, i)));
  const doc = await providers(ctx, storeId).insert({
    storeId,
    name: input.name,
    kind: input.kind,
    baseUrl: input.kind === "xtream" ? ((input.baseUrl ?? null)?.replace(/\/+$/, "") ?? null) : null,
    epgUrl: input.epgUrl ?? null,
    refreshMinutes: input.refreshMinutes ?? null,
    priority: input.priority ?? 0,
    enabled: input.enabled ?? true,
    accounts,
    lastImportId: null,
    lastImportAt: null,
    createdAt: now,
    updatedAt: now,
  });
  const provider = await toProvider(ctx, doc);
  await syncRefreshSchedule(ctx, storeId, doc._id, doc.enabled ? doc.refreshMinutes : null);
  await audit(ctx, by, storeId, "provider.create", doc._id, null, provider);
  return provider;
}

export async function updateProvider(
  ctx: Ctx,
  storeId: string,
  id: string,
  input: UpdateProviderInput,
  by: Actor,
): Promise<Provider> {
  const before = await getProvider(ctx, storeId, id);
  const patch: Patch<ProviderDoc> = { updatedAt: new Date().toISOString() };
  if (input.name !== undefined) patch.name = input.name;
  if (input.baseUrl !== undefined) patch.baseUrl = input.baseUrl.replace(/\/+$/, "");
  if (input.epgUrl !== undefined) patch.epgUrl = input.epgUrl;
  if (input.refreshMinutes !== undefined) patch.refreshMinutes = input.refreshMinutes;
  if (input.priority !== undefined) patch.priority = input.priority;
  if (input.enabled !== undefined) patch.enabled = input.enabled;
  const doc = await providers(ctx, storeId).update(id, patch);
  if (!doc) throw notFound();
  const after = await toProvider(ctx, doc);
  if (input.refreshMinutes !== undefined || input.enabled !== undefined)
    await syncRefreshSchedule(ctx, storeId, id, doc.enabled ? doc.refreshMinutes : null);
  await audit(ctx, by, storeId, "provider.update", id, before, after);
  return after;
}

export async function deleteProvider(ctx: Ctx, storeId: string, id: string, by: Actor): Promise<void> {
  const before = await getProvider(ctx, storeId, id);
  await providers(ctx, storeId).delete(id);
  await syncRefreshSchedule(ctx, storeId, id, null);
  await audit(ctx, by, storeId, "provider.delete", id, before, null);
}

export async function addAccount(
  ctx: Ctx,
  storeId: string,
  id: string,
  input: AccountInput,
  by: Actor,
): Promise<Provider> {
  const doc = await getProviderDoc(ctx, storeId, id);
  const account = await newAccount(ctx, doc.kind, input, doc.accounts.length);
  const updated = await providers(ctx, storeId).update(
    id,
    { accounts: [...doc.accounts, account], updatedAt: new Date().toISOString() },
    { expectVersion: doc._v },
  );
  if (!updated) throw notFound();
  const after = await toProvider(ctx, updated);
  await audit(ctx, by, storeId, "provider.account_add", id, null, after.accounts.at(-1));
  return after;
}

export async function updateAccount(
  ctx: Ctx,
  storeId: string,
  id: string,
  accountId: string,
  input: AccountInput,
  by: Actor,
): Promise<Provider> {
  const doc = await getProviderDoc(ctx, storeId, id);
  const current = doc.accounts.find((a) => a.id === accountId);
  if (!current) throw notFound("Account");
  const next: UpstreamAccountDoc = {
    ...current,
    ...(input.label === undefined ? {} : { label: input.label }),
    ...(input.url === undefined ? {} : { url: await seal(ctx, input.url) }),
    ...(input.username === undefined ? {} : { username: await seal(ctx, input.username) }),
    ...(input.password === undefined ? {} : { password: await seal(ctx, input.password) }),
    ...(input.maxConnections === undefined ? {} : { maxConnections: input.maxConnections }),
    ...(input.priority === undefined ? {} : { priority: input.priority }),
    ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
  };
  const accounts = doc.accounts.map((a) => (a.id === accountId ? next : a));
  const updated = await providers(ctx, storeId).update(
    id,
    { accounts, updatedAt: new Date().toISOString() },
    { expectVersion: doc._v },
  );
  if (!updated) throw notFound();
  const after = await toProvider(ctx, updated);
  const changed = Object.keys(input).filter((k) => k !== "password" && k !== "username" && k !== "url");
  const secrets = Object.keys(input).filter((k) => k === "password" || k === "username" || k === "url");
  await audit(ctx, by, storeId, "provider.account_update", id, null, {
    accountId,
    changed,
    secretsChanged: secrets,
  });
  return after;
}

export async function removeAccount(
  ctx: Ctx,
  storeId: string,
  id: string,
  accountId: string,
  by: Actor,
): Promise<Provider> {
  const doc = await getProviderDoc(ctx, storeId, id);
  if (!doc.accounts.some((a) => a.id === accountId)) throw notFound("Account");
  if (doc.accounts.length === 1)
    throw new AppError("conflict", "A provider keeps at least one account; delete the provider instead");
  const updated = await providers(ctx, storeId).update(
    id,
    { accounts: doc.accounts.filter((a) => a.id !== accountId), updatedAt: new Date().toISOString() },
    { expectVersion: doc._v },
  );
  if (!updated) throw notFound();
  await audit(ctx, by, storeId, "provider.account_remove", id, { accountId }, null);
  return toProvider(ctx, updated);
}

/** Every provider of every store: key rotation and its status walk them all. Not for other modules. */
export function providersCollectionAll(ctx: Pick<AppContext, "store">): AsyncGenerator<ProviderDoc> {
  return scan(ctx.store.collection<ProviderDoc>(PROVIDERS_COLLECTION));
}

/**
 * The usable accounts of one of the store's providers, secrets opened, in priority order, for
 * playing its streams; null when the store has no such provider or it is disabled.
 */
export async function playableAccounts(
  ctx: Ctx,
  storeId: string,
  providerId: string,
): Promise<UpstreamCredentials[] | null> {
  const provider = await providers(ctx, storeId).get(providerId);
  return provider?.enabled ? openAccounts(ctx, provider) : null;
}

/**
 * The connection limit of an upstream account, 1 when unknown. An edge node names the account
 * alone (account ids are unique across stores), so this one read is not scoped to a store; it
 * answers a number, nothing of the provider.
 */
export async function accountConnectionLimit(
  ctx: Pick<AppContext, "store">,
  accountId: string,
): Promise<number> {
  for await (const provider of providersCollectionAll(ctx)) {
    const account = provider.accounts.find((a) => a.id === accountId);
    if (account) return account.maxConnections;
  }
  return 1;
}

/** Records when an import of the provider started. */
export async function markImported(
  ctx: Pick<AppContext, "store">,
  storeId: string,
  id: string,
  importId: string,
) {
  await providers(ctx, storeId).update(id, {
    lastImportId: importId,
    lastImportAt: new Date().toISOString(),
  });
}

async function audit(
  ctx: Ctx,
  by: Actor,
  storeId: string,
  action: string,
  id: string,
  before: Provider | unknown,
  after: Provider | unknown,
): Promise<void> {
  await recordAudit(ctx, {
    actor: by.principal,
    action,
    storeId,
    target: { type: "provider", id },
    before: before === null ? null : auditView(before as Provider),
    after: after === null ? null : auditView(after as Provider),
    ip: by.ip,
    requestId: by.requestId,
  });
}
