/**
 * Imports from an Xtream Codes panel through `player_api.php` (the parser module's client):
 * live channels and movies with their categories and metadata, then each series with its
 * seasons and episodes. Richer than the panel's M3U export: ratings, plots, covers and exact
 * season/episode numbers.
 */

import { XtreamClient, type XtreamSeries } from "../../iptv/mod.ts";
import { guardedFetch, type OutboundPolicy } from "../../net/guarded-fetch.ts";
import type { UpstreamCredentials } from "../providers/mod.ts";
import type { CatalogWriter } from "./_catalog-writer.ts";

/** Series read at once: panels answer `get_series_info` slowly and limit connections. */
const SERIES_CONCURRENCY = 4;

export async function importFromPanel(
  baseUrl: string,
  account: UpstreamCredentials,
  writer: CatalogWriter,
  report: (percent: number, force?: boolean) => Promise<void>,
  options: { policy: OutboundPolicy; signal?: AbortSignal },
): Promise<void> {
  const { signal } = options;
  const client = new XtreamClient({
    baseUrl,
    username: account.username ?? "",
    password: account.password ?? "",
    timeoutMs: 120_000,
    onWarning: (message) => writer.warn(0, message),
    fetch: (url, init) =>
      guardedFetch(url, {
        ...options.policy,
        label: "provider",
        ...(init?.headers ? { headers: init.headers } : {}),
        ...(init?.signal ? { signal: init.signal } : {}),
      }),
  });
  const panel = await client.getAccount();
  if (panel.status.toLowerCase() !== "active")
    throw new Error(`The panel says this account is ${panel.status}`);
  const [liveCats, vodCats, seriesCats] = await Promise.all([
    client.getLiveCategories(),
    client.getVodCategories(),
    client.getSeriesCategories(),
  ]);
  for (const entry of await client.getLiveStreams({ categories: liveCats })) {
    await writer.add(entry);
    await report(10);
  }
  await report(30, true);
  for (const entry of await client.getVodStreams({ categories: vodCats })) {
    await writer.add(entry, {
      containerExtension: entry.containerExtension,
      ...(entry.rating === undefined ? {} : { rating: entry.rating }),
    });
    await report(40);
  }
  await report(50, true);
  const shows = await client.getSeries({ categories: seriesCats });
  for (let i = 0; i < shows.length; i += SERIES_CONCURRENCY) {
    signal?.throwIfAborted();
    const batch = shows.slice(i, i + SERIES_CONCURRENCY);
    const infos = await Promise.all(
      batch.map((show) =>
        client.getSeriesInfo(show.seriesId).catch((error: unknown) => {
          writer.warn(
            0,
            `series ${show.seriesId}: ${error instanceof Error ? error.message : String(error)}`,
          );
          return null;
        }),
      ),
    );
    for (const [j, info] of infos.entries()) {
      const show = batch[j] as XtreamSeries;
      const series = {
        key: `xs:${show.seriesId}`,
        name: show.title,
        group: show.group,
        logo: show.cover,
        plot: show.plot,
        rating: show.rating,
      };
      await writer.addSeries(series);
      for (const ep of info?.episodes ?? []) {
        await writer.add(ep, {
          series,
          season: ep.season,
          containerExtension: ep.containerExtension,
          ...(ep.episode === undefined ? {} : { episode: ep.episode }),
          ...(ep.plot === undefined ? {} : { plot: ep.plot }),
          ...(ep.rating === undefined ? {} : { rating: ep.rating }),
        });
      }
    }
    await report(50 + Math.floor((50 * (i + batch.length)) / Math.max(1, shows.length)) - 1);
  }
}
