/**
 * The demo channels: what the seeded store lists and the origin plays. Each id names the
 * fixtures `live/<id>.ts` and `hls/<id>/` that `fixtures/generate.sh` writes.
 */

export interface DemoChannel {
  /** URL-safe id used in the origin's routes. */
  readonly id: string;
  readonly name: string;
  /** Logical channel number. */
  readonly number: number;
  readonly group: string;
  /** The XMLTV channel id, used as `tvg-id` in the M3U. */
  readonly tvgId: string;
  /** Brand colour of the channel's logo. */
  readonly colour: string;
}

export const DEMO_CHANNELS: readonly DemoChannel[] = Object.freeze([
  { id: "neve-one", name: "Neve One", number: 1, group: "Demo", tvgId: "neve-one.demo", colour: "#2563eb" },
  {
    id: "neve-bars",
    name: "Neve Bars",
    number: 2,
    group: "Demo",
    tvgId: "neve-bars.demo",
    colour: "#db2777",
  },
  {
    id: "neve-rgb",
    name: "Neve RGB",
    number: 3,
    group: "Demo Extras",
    tvgId: "neve-rgb.demo",
    colour: "#059669",
  },
]);

/**
 * The demo's films and series episodes. They all play one fixture, `vod/<file>.mp4`, each under
 * its own Xtream-style URL (`/movie/<id>.mp4`, `/series/<id>.mp4`), so an importer sees distinct
 * titles; episode names carry "S01 E02" so importers group them into their series.
 */
export interface DemoTitle {
  readonly id: string;
  readonly kind: "movie" | "episode";
  readonly name: string;
  readonly group: string;
  /** The fixture it plays: `vod/<file>.mp4`. */
  readonly file: string;
  /** Length in seconds, as the playlist announces it. */
  readonly seconds: number;
  readonly colour: string;
}

export const DEMO_TITLES: readonly DemoTitle[] = Object.freeze([
  {
    id: "neve-reel",
    kind: "movie",
    name: "Neve Reel (2026)",
    group: "Demo films",
    file: "neve-reel",
    seconds: 6,
    colour: "#7c3aed",
  },
  ...[1, 2, 3].map(
    (episode): DemoTitle => ({
      id: `neve-tales-s01e0${episode}`,
      kind: "episode",
      name: `Neve Tales S01 E0${episode}`,
      group: "Demo series",
      file: "neve-reel",
      seconds: 6,
      colour: "#ea580c",
    }),
  ),
]);

/** Where the origin serves a title (Xtream-style path, which importers classify by). */
export function titlePath(title: DemoTitle): string {
  return `/${title.kind === "movie" ? "movie" : "series"}/${title.id}.mp4`;
}
