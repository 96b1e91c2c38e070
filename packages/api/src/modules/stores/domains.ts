/**
 * Custom domains. The owner adds a domain and gets a token; verification fetches
 * `http://<domain>/.well-known/nevewatch-verify` (from a public address only, see
 * `fetch-proof.ts`) and requires the body to be exactly that token. Only verified domains
 * resolve to the store.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { Principal } from "../../auth/principal.ts";
import { randomSecret } from "../../auth/secrets.ts";
import type { AppContext } from "../../context.ts";
import { scoped } from "../../db/mod.ts";
import { AppError, isAppError } from "../../errors/app-error.ts";
import { forgetHost } from "../tenancy/mod.ts";
import { fetchProof, VERIFY_PATH } from "./fetch-proof.ts";
import type { DomainDoc } from "./model.ts";
import { domainsCollection } from "./repo.ts";
import type { AuditMeta } from "./service.ts";

type Ctx = Pick<AppContext, "store" | "cache" | "config">;

const MAX_DOMAINS_PER_STORE = 20;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const BLOCKED_SUFFIXES = [".localhost", ".local", ".internal", ".arpa"];

/** A lowercase host name with at least two labels and an alphabetic top-level label; no IPs. */
export function normalizeDomain(raw: string, platformDomain: string): string {
  const domain = raw.trim().toLowerCase().replace(/\.$/, "");
  const labels = domain.split(".");
  const tld = labels.at(-1) ?? "";
  const valid =
    domain.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    /^(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/.test(tld);
  if (!valid)
    throw new AppError("validation_failed", `"${raw}" is not a valid domain name`, { field: "domain" });
  const platform = platformDomain.toLowerCase();
  if (
    domain === platform ||
    domain.endsWith(`.${platform}`) ||
    BLOCKED_SUFFIXES.some((s) => domain.endsWith(s))
  )
    throw new AppError("validation_failed", `"${domain}" cannot be used as a custom domain`, {
      field: "domain",
    });
  return domain;
}

export function toDomain(config: Ctx["config"], doc: DomainDoc) {
  return {
    id: doc._id,
    storeId: doc.storeId,
    domain: doc.domain,
    verified: doc.verifiedAt !== null,
    verifiedAt: doc.verifiedAt,
    token: doc.token,
    verifyUrl: `${config.DOMAIN_VERIFY_SCHEME}://${doc.domain}${VERIFY_PATH}`,
    lastCheckedAt: doc.lastCheckedAt,
    lastError: doc.lastError,
    createdAt: doc.createdAt,
  };
}

const storeDomains = (ctx: Ctx, storeId: string) => scoped(domainsCollection(ctx), storeId);

export async function listDomains(ctx: Ctx, storeId: string): Promise<DomainDoc[]> {
  return (
    await storeDomains(ctx, storeId).find({}, { sort: [["createdAt", 1]], limit: MAX_DOMAINS_PER_STORE })
  ).items;
}

export async function addDomain(
  ctx: Ctx,
  actor: Principal,
  storeId: string,
  raw: string,
  m: AuditMeta = {},
): Promise<DomainDoc> {
  const domain = normalizeDomain(raw, ctx.config.PLATFORM_DOMAIN);
  const domains = storeDomains(ctx, storeId);
  if ((await domains.count()) >= MAX_DOMAINS_PER_STORE)
    throw new AppError("conflict", `A store has at most ${MAX_DOMAINS_PER_STORE} domains`);
  if (await domainsCollection(ctx).findOne({ verifiedDomain: domain }))
    throw new AppError("duplicate", `The domain "${domain}" is already in use`, { field: "domain" });
  try {
    const doc = await domains.insert({
      storeId,
      domain,
      token: randomSecret("nwv_", 24),
      verifiedAt: null,
      lastCheckedAt: null,
      lastError: null,
      createdAt: new Date().toISOString(),
    });
    await recordAudit(ctx, {
      actor,
      action: "domain.add",
      storeId,
      target: { type: "domain", id: doc._id },
      after: { domain },
      ip: m.ip ?? null,
      requestId: m.requestId ?? null,
    });
    return doc;
  } catch (error) {
    if (isAppError(error) && error.code === "duplicate")
      throw new AppError("duplicate", `The domain "${domain}" is already added to this store`, {
        field: "domain",
      });
    throw error;
  }
}

async function getDomain(ctx: Ctx, storeId: string, id: string): Promise<DomainDoc> {
  const doc = await storeDomains(ctx, storeId).get(id);
  if (!doc) throw new AppError("not_found", "No such domain in this store");
  return doc;
}

export async function verifyDomain(
  ctx: Ctx,
  actor: Principal,
  storeId: string,
  id: string,
  m: AuditMeta = {},
): Promise<DomainDoc> {
  const doc = await getDomain(ctx, storeId, id);
  const proof = await fetchProof(ctx.config, doc.domain);
  const now = new Date().toISOString();
  const domains = storeDomains(ctx, storeId);
  const matched = "body" in proof && proof.body === doc.token;
  if (!matched) {
    const reason =
      "error" in proof ? proof.error : "The verification file does not contain this domain's token";
    await domains.update(id, { lastCheckedAt: now, lastError: reason });
    const details = { domain: doc.domain, url: toDomain(ctx.config, doc).verifyUrl };
    if ("addressClass" in proof && proof.addressClass)
      throw new AppError("domain_private_address", reason, { ...details, addressClass: proof.addressClass });
    throw new AppError("domain_verification_failed", reason, details);
  }
  let updated: DomainDoc | null;
  try {
    updated = await domains.update(id, {
      verifiedAt: doc.verifiedAt ?? now,
      verifiedDomain: doc.domain,
      lastCheckedAt: now,
      lastError: null,
    });
  } catch (error) {
    if (isAppError(error) && error.code === "duplicate")
      throw new AppError("duplicate", `The domain "${doc.domain}" was verified by another store`, {
        field: "domain",
      });
    throw error;
  }
  if (!updated) throw new AppError("not_found", "No such domain in this store");
  await forgetHost(ctx.cache, doc.domain);
  await recordAudit(ctx, {
    actor,
    action: "domain.verify",
    storeId,
    target: { type: "domain", id },
    after: { domain: doc.domain },
    ip: m.ip ?? null,
    requestId: m.requestId ?? null,
  });
  return updated;
}

export async function removeDomain(
  ctx: Ctx,
  actor: Principal,
  storeId: string,
  id: string,
  m: AuditMeta = {},
): Promise<void> {
  const doc = await getDomain(ctx, storeId, id);
  await storeDomains(ctx, storeId).delete(id);
  await forgetHost(ctx.cache, doc.domain);
  await recordAudit(ctx, {
    actor,
    action: "domain.remove",
    storeId,
    target: { type: "domain", id },
    before: { domain: doc.domain },
    ip: m.ip ?? null,
    requestId: m.requestId ?? null,
  });
}
