/**
 * Writes one provider's entries into the catalog in batches. Re-import is idempotent: items
 * are recognised by (provider, upstream key), else by an alias when the key is new (a URL
 * whose token changed, see `_import-aliases.ts`), and keep their ids; changed ones are
 * updated, unchanged ones not touched, and the ones the source no longer lists are marked
 * missing.
 */
import type { AppContext } from "../../context.ts";
import { newId } from "../../db/mod.ts";
import type { NewDoc, Patch } from "../../db/port.ts";
import type { CatalogEntry } from "../../iptv/mod.ts";
import { isTemplate, toTemplate } from "../providers/mod.ts";
import {
  episodeOf,
  fingerprint,
  formatOf,
  importedFields,
  itemTypeOf,
  searchKeyOf,
  searchTailOf,
  upstreamKey,
} from "./_entry-fields.ts";
import { aliasOf, ImportAliases } from "./_import-aliases.ts";
import { emptyCounts, type ImportCounts, type ImportError, MAX_RECORDED_ERRORS } from "./imports.ts";
import type { CategoryType, ItemDoc, ItemType, SourceDoc } from "./model.ts";
import { categories, items, reserveXids, scan, scanItems } from "./repo.ts";

/** Entries per insert transaction (larger batches measured no faster and used more memory). */
const BATCH = 2000;
/** Entries between full collections (see `add`); four per 100,000 entries cost well under a second. */
const GC_EVERY = 25_000;

export interface SeriesExtra {
  /** Upstream key of the series, e.g. `xs:<series_id>`. */
  key: string;
  name: string;
  group?: string | undefined;
  logo?: string | undefined;
  plot?: string | undefined;
  rating?: number | undefined;
}

export interface EntryExtra {
  plot?: string;
  rating?: number;
  containerExtension?: string;
  season?: number;
  episode?: number;
  series?: SeriesExtra;
}

/** Kept small: a re-import holds one per item. Updates read the rest of the document. */
interface Known {
  id: string;
  hash: string | null;
  missing: boolean;
}

export interface WriterOptions {
  storeId: string;
  providerId: string;
  /** The importing account's credentials, replaced by placeholders in stored URLs. */
  username: string | null;
  password: string | null;
}

export class CatalogWriter {
  readonly counts: ImportCounts = emptyCounts();
  readonly errors: ImportError[] = [];
  readonly #ctx: Pick<AppContext, "store">;
  readonly #opt: WriterOptions;
  readonly #known = new Map<string, Known>();
  readonly #seen = new Set<string>();
  readonly #categories = new Map<string, string>();
  /** Keys of earlier imports taken over by an entry under a new key. */
  readonly #claimed = new Set<string>();
  /** Built on the first entry whose key is unknown (a stable re-import never needs it). */
  #aliases: ImportAliases | null = null;
  /** Whether this provider imported anything before (a first import has nothing to claim). */
  #reimport = false;
  #pending: NewDoc<ItemDoc>[] = [];
  #order = 0;
  readonly #now = new Date().toISOString();

  constructor(ctx: Pick<AppContext, "store">, options: WriterOptions) {
    this.#ctx = ctx;
    this.#opt = options;
  }

  /** Loads what this provider imported before, and the store's categories. */
  async load(): Promise<void> {
    const { storeId, providerId } = this.#opt;
    let scanned = 0;
    for await (const doc of scanItems(this.#ctx, storeId, { providerId })) {
      // Every page read is garbage once its keys are kept; see `add` on collector nudges.
      if (++scanned % GC_EVERY === 0) Bun.gc(true);
      if (doc.importKey == null) continue;
      this.#known.set(doc.importKey, {
        id: doc._id,
        hash: doc.importHash ?? null,
        missing: doc.missingSince != null,
      });
    }
    this.#reimport = this.#known.size > 0;
    for await (const cat of scan(categories(this.#ctx, storeId), {})) {
      this.#categories.set(`${cat.type}\u0000${cat.name}`, cat._id);
    }
  }

  warn(line: number, message: string): void {
    this.counts.errors++;
    if (this.errors.length < MAX_RECORDED_ERRORS) this.errors.push({ line, message });
  }

  /**
   * One entry. Sources richer than a playlist (Xtream Codes panels) pass `extra`: metadata,
   * exact season and episode numbers, and the series an episode belongs to.
   */
  async add(entry: CatalogEntry, extra: EntryExtra = {}): Promise<void> {
    // The garbage of a 100,000-entry import piles up faster than the collector runs on its own
    // (a non-blocking hint did not keep up), and peak memory is what a small server runs out of.
    if (++this.counts.read % GC_EVERY === 0) Bun.gc(true);
    const type = itemTypeOf(entry);
    const template = toTemplate(entry.url, this.#opt.username, this.#opt.password);
    const key = upstreamKey(template);
    const seriesId =
      type !== "episode"
        ? null
        : extra.series
          ? await this.addSeries(extra.series)
          : await this.#series(entry);
    const categoryId =
      type === "episode"
        ? null
        : (this.#knownCategory(type, entry.group) ??
          (await this.#category(type as CategoryType, entry.group)));
    const fields: Record<string, unknown> & { name: string } = {
      ...importedFields(type, entry),
      categoryId,
      seriesId,
    };
    if (extra.plot !== undefined) fields.plot = extra.plot;
    if (extra.rating !== undefined) fields.rating = extra.rating;
    if (extra.containerExtension !== undefined) fields.containerExtension = extra.containerExtension;
    if (extra.season !== undefined) fields.season = extra.season;
    if (extra.episode !== undefined) fields.episode = extra.episode;
    const source: SourceDoc = {
      providerId: this.#opt.providerId,
      key,
      url: template,
      format: formatOf(type, entry.url),
    };
    await this.#upsert(type, key, fields, source);
  }

  async #upsert(
    type: ItemType,
    key: string,
    fields: Record<string, unknown> & { name: string },
    source: SourceDoc | null,
  ): Promise<string> {
    this.#order++;
    const hash = fingerprint(fields, source);
    let known = this.#known.get(key);
    if (this.#seen.has(key)) return known?.id ?? "";
    this.#seen.add(key);
    const previousKey = known ? undefined : await this.#claim(type, key, fields.epgId as string | null);
    if (previousKey !== undefined) {
      known = this.#known.get(previousKey);
      this.#known.delete(previousKey);
      if (known) this.#known.set(key, known);
    }
    if (known) {
      if (known.hash === hash && !known.missing && previousKey === undefined) {
        this.counts.unchanged++;
        return known.id;
      }
      const current = await items(this.#ctx, this.#opt.storeId).get(known.id);
      if (!current) return known.id;
      const locked = current.locked;
      const patch: Record<string, unknown> = { importHash: hash, missingSince: null, updatedAt: this.#now };
      if (previousKey !== undefined) patch.importKey = key;
      for (const [field, value] of Object.entries(fields)) if (!locked.includes(field)) patch[field] = value;
      if (!locked.includes("name")) {
        patch.searchKey = searchKeyOf(fields.name);
        patch.searchTail = searchTailOf(patch.searchKey as string);
      }
      if (source) {
        const mine = (s: SourceDoc) =>
          s.providerId === source.providerId && (s.key === source.key || s.key === previousKey);
        const own = current.sources.findIndex(mine);
        patch.sources =
          own < 0 ? [...current.sources, source] : current.sources.map((s, i) => (i === own ? source : s));
      }
      await items(this.#ctx, this.#opt.storeId).update(known.id, patch as Patch<ItemDoc>);
      if (source && current.mergedInto)
        await this.#updateMergedSource(current.mergedInto, source, previousKey ?? source.key);
      this.counts.updated++;
      return known.id;
    }
    const id = newId();
    const searchKey = searchKeyOf(fields.name);
    const doc: Record<string, unknown> = {
      _id: id,
      storeId: this.#opt.storeId,
      type,
      xid: 0,
      searchKey,
      searchTail: searchTailOf(searchKey),
      enabled: true,
      sortOrder: this.#order,
      sources: source ? [source] : [],
      providerId: this.#opt.providerId,
      importKey: key,
      importHash: hash,
      locked: [],
      createdAt: this.#now,
      updatedAt: this.#now,
    };
    // Null fields stay out of the stored document (see ItemDoc).
    for (const field in fields) if (fields[field] != null) doc[field] = fields[field];
    this.#pending.push(doc as unknown as NewDoc<ItemDoc>);
    this.#known.set(key, { id, hash, missing: false });
    if (this.#pending.length >= BATCH) await this.flush();
    return id;
  }

  /**
   * The earlier key an entry under a new key takes over: the one unmatched item of its alias.
   * Claimed keys are matched no more, so a later entry under that exact key becomes a new item.
   */
  async #claim(type: ItemType, key: string, epgId: string | null | undefined): Promise<string | undefined> {
    if (!this.#reimport) return undefined;
    const alias = aliasOf(type, epgId, key);
    if (alias === null) return undefined;
    if (!this.#aliases) {
      const aliases = new ImportAliases();
      const { storeId, providerId } = this.#opt;
      for await (const doc of scanItems(this.#ctx, storeId, { providerId })) {
        if (doc.importKey != null) aliases.add(doc.type, doc.epgId, doc.importKey);
      }
      this.#aliases = aliases;
    }
    const taken = this.#aliases.pick(alias, (candidate) => {
      const known = this.#known.get(candidate);
      if (!known || this.#seen.has(candidate) || this.#claimed.has(candidate)) return null;
      return known.missing ? "missing" : "listed";
    });
    if (taken !== undefined) this.#claimed.add(taken);
    return taken;
  }

  /** An item merged into another keeps the other's copy of its source up to date. */
  async #updateMergedSource(targetId: string, source: SourceDoc, key: string): Promise<void> {
    const target = await items(this.#ctx, this.#opt.storeId).get(targetId);
    if (!target) return;
    const at = target.sources.findIndex((s) => s.providerId === source.providerId && s.key === key);
    if (at < 0) return;
    const sources = target.sources.map((s, i) => (i === at ? source : s));
    await items(this.#ctx, this.#opt.storeId).update(targetId, { sources, updatedAt: this.#now });
  }

  /** A series known by its upstream id (Xtream Codes), with its own metadata. */
  async addSeries(series: SeriesExtra): Promise<string> {
    const categoryId = await this.#category("series", series.group);
    const fields = {
      name: series.name,
      logo: series.logo ?? null,
      categoryId,
      plot: series.plot ?? null,
      rating: series.rating ?? null,
    };
    return this.#upsert("series", series.key, fields, null);
  }

  async #series(entry: CatalogEntry): Promise<string> {
    const name = episodeOf(entry.title).series;
    const categoryId = await this.#category("series", entry.group);
    const fields = { name, logo: entry.logo ?? null, categoryId };
    return this.#upsert("series", `s:${searchKeyOf(name)}`, fields, null);
  }

  /** The common case without a promise: a category this import has already seen. */
  #knownCategory(type: string, group: string | undefined): string | undefined {
    return group === undefined ? undefined : this.#categories.get(`${type}\u0000${group.trim()}`);
  }

  async #category(type: CategoryType, group: string | undefined): Promise<string | null> {
    const name = group?.trim();
    if (!name) return null;
    const mapKey = `${type}\u0000${name}`;
    const known = this.#categories.get(mapKey);
    if (known) return known;
    const xid = await reserveXids(this.#ctx, this.#opt.storeId, 1);
    const doc = await categories(this.#ctx, this.#opt.storeId).insert({
      storeId: this.#opt.storeId,
      type,
      xid,
      name,
      sortOrder: xid,
      createdAt: this.#now,
    });
    this.#categories.set(mapKey, doc._id);
    return doc._id;
  }

  async flush(): Promise<void> {
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    const first = await reserveXids(this.#ctx, this.#opt.storeId, batch.length);
    batch.forEach((doc, i) => {
      doc.xid = first + i;
    });
    await items(this.#ctx, this.#opt.storeId).insertMany(batch);
    this.counts.inserted += batch.length;
  }

  /** Marks what this provider listed before but not this time. Call after the last `add`. */
  async finish(): Promise<void> {
    await this.flush();
    const gone: string[] = [];
    for (const [key, known] of this.#known) if (!this.#seen.has(key) && !known.missing) gone.push(known.id);
    for (let i = 0; i < gone.length; i += 500) {
      const ids = gone.slice(i, i + 500);
      await items(this.#ctx, this.#opt.storeId).updateMany(
        { _id: { in: ids } },
        { missingSince: this.#now, updatedAt: this.#now },
      );
    }
    this.counts.missing = gone.length;
  }
}

/** Whether a stored URL needs account credentials substituted before it is played. */
export const needsCredentials = isTemplate;
