/**
 * Imports one XMLTV guide (plain or gzip): guide channels are replaced, programmes inside the
 * retention window are written in batches under the import's id, and when the whole guide
 * has been read the previous import's programmes and expired ones are removed. A failed
 * import leaves the previous guide in place. Counts compare with the previous import by channel
 * and start time: new, updated (title, times or details changed), unchanged, and missing (gone
 * from the guide); programmes already past the retention window are read but not counted.
 */
import type { AppContext } from "../../context.ts";
import { scan } from "../../db/mod.ts";
import type { NewDoc } from "../../db/port.ts";
import { channelMatchKey, parseXmltv, type XmltvChannel, type XmltvProgramme } from "../../iptv/mod.ts";
import { guardedFetch, outboundPolicy } from "../../net/guarded-fetch.ts";
import {
  emptyCounts,
  getImportRecord,
  MAX_RECORDED_ERRORS,
  reportImport,
  searchKeyOf,
} from "../catalog/mod.ts";
import type { GuideChannelDoc, GuideSourceDoc, ProgrammeDoc } from "./model.ts";
import { guideChannels, guideSources, programmes } from "./repo.ts";

type Ctx = Pick<AppContext, "store" | "realtime" | "log" | "config">;

const BATCH = 2000;
const REPORT_EVERY_MS = 500;
const DAY_MS = 86_400_000;
/** Programmes without a stop time last until the next one; this caps the guess. */
const DEFAULT_LENGTH_MS = 3_600_000;

function timeZoneOf(source: GuideSourceDoc): number | string {
  const n = Number(source.defaultTimeZone);
  return Number.isFinite(n) ? n : source.defaultTimeZone;
}

function toChannel(storeId: string, sourceId: string, channel: XmltvChannel): NewDoc<GuideChannelDoc> {
  return {
    storeId,
    sourceId,
    guideKey: channel.id,
    displayNames: channel.displayNames,
    matchKeys: [...new Set(channel.displayNames.map(channelMatchKey).filter((k) => k !== ""))],
    icon: channel.icon ?? null,
  };
}

function toProgramme(
  storeId: string,
  sourceId: string,
  importId: string,
  p: XmltvProgramme,
): NewDoc<ProgrammeDoc> {
  return {
    storeId,
    sourceId,
    guideKey: p.channel,
    start: new Date(p.start).toISOString(),
    stop: new Date(p.stop ?? p.start + DEFAULT_LENGTH_MS).toISOString(),
    title: p.title,
    titleKey: searchKeyOf(p.title),
    subTitle: p.subTitle ?? null,
    description: p.description ?? null,
    categories: p.categories ?? [],
    season: p.season ?? null,
    episode: p.episode ?? null,
    icon: p.icon ?? null,
    importId,
  };
}

/** What makes a programme "the same" across imports, and what makes it "changed". */
function programmeKey(p: Pick<ProgrammeDoc, "guideKey" | "start">): string {
  return `${p.guideKey}\u0000${p.start}`;
}

function fingerprint(p: NewDoc<ProgrammeDoc>): string {
  return JSON.stringify([
    p.stop,
    p.title,
    p.subTitle,
    p.description,
    p.categories,
    p.season,
    p.episode,
    p.icon,
  ]);
}

/** The previous import's programmes of a source, key → fingerprint, read a page at a time. */
async function previousProgrammes(ctx: Ctx, storeId: string, sourceId: string): Promise<Map<string, string>> {
  const known = new Map<string, string>();
  for await (const doc of scan(programmes(ctx, storeId), { sourceId }))
    known.set(programmeKey(doc), fingerprint(doc));
  return known;
}

export async function runGuideImport(ctx: Ctx, storeId: string, importId: string, signal?: AbortSignal) {
  const record = await getImportRecord(ctx, storeId, importId);
  await reportImport(ctx, record, { status: "running", startedAt: new Date().toISOString(), failure: null });
  const counts = emptyCounts();
  const errors: { line: number; message: string }[] = [];
  const warn = (line: number, message: string) => {
    counts.errors++;
    if (errors.length < MAX_RECORDED_ERRORS) errors.push({ line, message });
  };
  try {
    const source = await guideSources(ctx, storeId).get(record.sourceId);
    if (!source) throw new Error("The guide source no longer exists");
    await guideSources(ctx, storeId).update(source._id, { lastImportId: importId });
    const timeout = AbortSignal.timeout(300_000);
    const response = await guardedFetch(source.url, {
      ...outboundPolicy(ctx.config),
      label: "guide",
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (!response.ok || !response.body) throw new Error(`The guide answered HTTP ${response.status}`);
    const keepFrom = Date.now() - source.retentionDays * DAY_MS;
    const previous = await previousProgrammes(ctx, storeId, source._id);
    const channels: NewDoc<GuideChannelDoc>[] = [];
    let batch: NewDoc<ProgrammeDoc>[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await programmes(ctx, storeId).insertMany(batch);
      batch = [];
    };
    let lastReport = Date.now();
    for await (const event of parseXmltv(response.body, { defaultTimeZone: timeZoneOf(source) })) {
      if (event.type === "warning") warn(event.line, event.message);
      else if (event.type === "channel") channels.push(toChannel(storeId, source._id, event.channel));
      else {
        counts.read++;
        const p = event.programme;
        if ((p.stop ?? p.start + DEFAULT_LENGTH_MS) < keepFrom) continue;
        const doc = toProgramme(storeId, source._id, importId, p);
        const key = programmeKey(doc);
        const before = previous.get(key);
        if (before === undefined) counts.inserted++;
        else if (before === fingerprint(doc)) counts.unchanged++;
        else counts.updated++;
        previous.delete(key);
        batch.push(doc);
        if (batch.length >= BATCH) await flush();
      }
      if (Date.now() - lastReport >= REPORT_EVERY_MS) {
        lastReport = Date.now();
        signal?.throwIfAborted();
        await reportImport(ctx, record, { counts: { ...counts }, errors });
      }
    }
    await flush();
    if (channels.length === 0 && counts.read === 0)
      throw new Error("The guide lists no channels or programmes");
    await guideChannels(ctx, storeId).deleteMany({ sourceId: source._id });
    for (let i = 0; i < channels.length; i += BATCH)
      await guideChannels(ctx, storeId).insertMany(channels.slice(i, i + BATCH));
    await programmes(ctx, storeId).deleteMany({ sourceId: source._id, importId: { ne: importId } });
    counts.missing = previous.size;
    await programmes(ctx, storeId).deleteMany({ stop: { lt: new Date(keepFrom).toISOString() } });
    return await reportImport(ctx, record, {
      status: "succeeded",
      counts: { ...counts },
      errors,
      percent: 100,
      finishedAt: new Date().toISOString(),
    });
  } catch (error: unknown) {
    ctx.log.warn({ err: error, importId, storeId }, "guide import failed");
    await programmes(ctx, storeId).deleteMany({ sourceId: record.sourceId, importId });
    return reportImport(ctx, record, {
      status: "failed",
      counts: { ...counts },
      errors,
      failure: error instanceof Error ? error.message : String(error),
      finishedAt: new Date().toISOString(),
    });
  }
}
