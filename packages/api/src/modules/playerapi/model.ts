/**
 * Player lines: the separate, regenerable username/password a viewer types into an existing
 * IPTV player (never their account password). The password is sealed at rest because players
 * need it back in every URL the M3U and player API hand out.
 */
import { t } from "elysia";
import type { BaseDoc, CollectionDef } from "../../db/port.ts";

export interface LineDoc extends BaseDoc {
  storeId: string;
  viewerId: string;
  username: string;
  /** Sealed with the provider secret box (AES-256-GCM). */
  password: string;
  createdAt: string;
  updatedAt: string;
}

export const LINES_COLLECTION: CollectionDef = {
  name: "player_lines",
  indexes: [
    // Usernames are random and unique platform-wide, so a line alone can name its store.
    { fields: [["username", 1]], unique: true },
    {
      fields: [
        ["storeId", 1],
        ["username", 1],
      ],
      unique: true,
    },
    {
      fields: [
        ["storeId", 1],
        ["viewerId", 1],
      ],
      unique: true,
    },
  ],
};

export const LineSchema = t.Object(
  {
    username: t.String(),
    password: t.String({ description: "The line password (not the account password)" }),
    serverUrl: t.String(),
    m3uUrl: t.String(),
    xmltvUrl: t.String(),
    createdAt: t.String({ format: "date-time" }),
    updatedAt: t.String({ format: "date-time" }),
  },
  {
    examples: [
      {
        username: "k3v9q2m7xw",
        password: "p8d2k4m9q1z7",
        serverUrl: "https://tv.example.com",
        m3uUrl:
          "https://tv.example.com/get.php?username=k3v9q2m7xw&password=p8d2k4m9q1z7&type=m3u_plus&output=ts",
        xmltvUrl: "https://tv.example.com/xmltv.php?username=k3v9q2m7xw&password=p8d2k4m9q1z7",
        createdAt: "2026-11-25T12:00:00.000Z",
        updatedAt: "2026-11-25T12:00:00.000Z",
      },
    ],
  },
);
export type Line = typeof LineSchema.static;

export const LineCredentialsQuery = t.Object({
  username: t.Optional(t.String({ maxLength: 200 })),
  password: t.Optional(t.String({ maxLength: 200 })),
});

/**
 * The query of `get.php`, `xmltv.php` and `player_api.php`, as players send it. Unknown keys are
 * let through: players add their own, and refusing them would break those players.
 */
export const PlayerQuery = t.Object(
  {
    username: t.Optional(
      t.String({ maxLength: 200, description: "Line username", examples: ["k3v9q2m7xw"] }),
    ),
    password: t.Optional(
      t.String({ maxLength: 200, description: "Line password", examples: ["p8d2k4m9q1z7"] }),
    ),
    type: t.Optional(
      t.String({ maxLength: 20, description: "Playlist flavour (get.php)", examples: ["m3u_plus"] }),
    ),
    output: t.Optional(
      t.String({
        maxLength: 10,
        description: "Stream format in the playlist: ts (default), m3u8 or hls",
        examples: ["ts"],
      }),
    ),
    action: t.Optional(
      t.String({
        maxLength: 50,
        description: "Xtream action (player_api.php); none for account info",
        examples: ["get_live_streams"],
      }),
    ),
    category_id: t.Optional(t.String({ maxLength: 20, examples: ["1"] })),
    vod_id: t.Optional(t.String({ maxLength: 20, examples: ["2"] })),
    series_id: t.Optional(t.String({ maxLength: 20, examples: ["3"] })),
    stream_id: t.Optional(t.String({ maxLength: 20, examples: ["1"] })),
    limit: t.Optional(t.String({ maxLength: 5, description: "Entries of get_short_epg", examples: ["4"] })),
  },
  { additionalProperties: true },
);
