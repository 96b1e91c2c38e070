/**
 * A fake Xtream Codes panel for tests: `player_api.php` on 127.0.0.1 answering the way real
 * panels do (ids and ratings as strings, episodes keyed by season).
 */
import { type Origin, startOrigin } from "./testing.ts";

export interface FakePanel {
  username: string;
  password: string;
  status?: string;
  live: Array<{ id: number; name: string; category: string; epg?: string; logo?: string }>;
  vod: Array<{ id: number; name: string; category: string; rating?: string; ext: string }>;
  series: Array<{
    id: number;
    name: string;
    category: string;
    plot?: string;
    cover?: string;
    episodes: Array<{ id: number; season: number; episode: number; title: string; ext: string }>;
  }>;
}

function categories(names: string[]) {
  return [...new Set(names)].map((name, i) => ({
    category_id: String(i + 1),
    category_name: name,
    parent_id: 0,
  }));
}

export function startFakeXtream(panel: FakePanel): Origin {
  const answer = (url: URL): unknown => {
    const q = url.searchParams;
    if (q.get("username") !== panel.username || q.get("password") !== panel.password)
      return { user_info: { auth: 0 } };
    const live = categories(panel.live.map((c) => c.category));
    const vod = categories(panel.vod.map((c) => c.category));
    const series = categories(panel.series.map((c) => c.category));
    const idOf = (list: typeof live, name: string) =>
      list.find((c) => c.category_name === name)?.category_id ?? "";
    switch (q.get("action")) {
      case null:
        return {
          user_info: {
            username: panel.username,
            password: panel.password,
            auth: 1,
            status: panel.status ?? "Active",
            exp_date: "1999999999",
            is_trial: "0",
            active_cons: "0",
            created_at: "1700000000",
            max_connections: "2",
            allowed_output_formats: ["m3u8", "ts"],
          },
          server_info: { url: url.hostname, port: url.port, server_protocol: "http", timezone: "UTC" },
        };
      case "get_live_categories":
        return live;
      case "get_vod_categories":
        return vod;
      case "get_series_categories":
        return series;
      case "get_live_streams":
        return panel.live.map((c, i) => ({
          num: i + 1,
          name: c.name,
          stream_type: "live",
          stream_id: String(c.id),
          stream_icon: c.logo ?? "",
          epg_channel_id: c.epg ?? null,
          category_id: idOf(live, c.category),
        }));
      case "get_vod_streams":
        return panel.vod.map((m, i) => ({
          num: i + 1,
          name: m.name,
          stream_type: "movie",
          stream_id: String(m.id),
          rating: m.rating ?? "",
          category_id: idOf(vod, m.category),
          container_extension: m.ext,
        }));
      case "get_series":
        return panel.series.map((s, i) => ({
          num: i + 1,
          name: s.name,
          series_id: String(s.id),
          cover: s.cover ?? "",
          plot: s.plot ?? "",
          rating: "8",
          category_id: idOf(series, s.category),
        }));
      case "get_series_info": {
        const show = panel.series.find((s) => String(s.id) === q.get("series_id"));
        if (!show) return { seasons: [], info: [], episodes: [] };
        const bySeason: Record<string, unknown[]> = {};
        for (const ep of show.episodes) {
          const list = bySeason[String(ep.season)] ?? [];
          bySeason[String(ep.season)] = list;
          list.push({
            id: String(ep.id),
            episode_num: String(ep.episode),
            title: ep.title,
            container_extension: ep.ext,
            season: String(ep.season),
            info: {},
          });
        }
        return { seasons: [], info: { name: show.name, plot: show.plot ?? "" }, episodes: bySeason };
      }
      default:
        return [];
    }
  };
  return startOrigin({ "/player_api.php": (request) => Response.json(answer(new URL(request.url))) });
}
