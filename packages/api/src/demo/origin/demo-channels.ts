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
