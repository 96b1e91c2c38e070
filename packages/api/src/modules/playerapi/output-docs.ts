/**
 * The OpenAPI responses of the player outputs. They answer M3U, XMLTV and the Xtream Codes JSON
 * shapes players expect rather than one of our schemas, so their responses, media types and
 * examples are written out here.
 */
import { problemResponses, type Responses } from "../../http/openapi.ts";

const SERVER = "https://tv.example.com";
const LINE = "k3v9q2m7xw/p8d2k4m9q1z7";
const GUIDE_URL = `${SERVER}/xmltv.php?username=k3v9q2m7xw&password=p8d2k4m9q1z7`;

const PLAYLIST_EXAMPLE = `#EXTM3U x-tvg-url="${GUIDE_URL}" url-tvg="${GUIDE_URL}"
#EXTINF:-1 tvg-id="neve.one" tvg-name="Neve One" tvg-logo="https://cdn.example.com/logos/neve-one.png" tvg-chno="1" group-title="News",Neve One
${SERVER}/live/${LINE}/1.ts
#EXTINF:5400 tvg-name="Winter Light" group-title="Drama",Winter Light
${SERVER}/movie/${LINE}/2.mp4
#EXTINF:2700 tvg-name="Snowline S01 E01" group-title="Series",Snowline S01 E01
${SERVER}/series/${LINE}/3.mkv
`;

const GUIDE_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tv SYSTEM "xmltv.dtd">
<tv generator-info-name="NeveWatch">
<channel id="neve.one"><display-name>Neve One</display-name><icon src="https://cdn.example.com/logos/neve-one.png"/></channel>
<programme start="20261125120000 +0000" stop="20261125130000 +0000" channel="neve.one"><title>Midday News</title><category>News</category></programme>
</tv>
`;

/** `get.php`: the M3U+ playlist of everything the line's plan includes. */
export const PLAYLIST_RESPONSES: Responses = {
  "200": {
    description: "M3U+ playlist, streamed entry by entry, offered as a `playlist.m3u` download",
    headers: {
      "content-disposition": { schema: { type: "string" }, example: 'attachment; filename="playlist.m3u"' },
    },
    content: { "audio/x-mpegurl": { schema: { type: "string" }, example: PLAYLIST_EXAMPLE } },
  },
  ...problemResponses(401, 403, 404),
};

/** `xmltv.php`: the guide of the line's live channels, a day back and eight days ahead. */
export const GUIDE_RESPONSES: Responses = {
  "200": {
    description: "XMLTV guide of the line's live channels",
    content: { "application/xml": { schema: { type: "string" }, example: GUIDE_EXAMPLE } },
  },
  ...problemResponses(401, 403, 404),
};

/** `player_api.php`: account info without `action`, else the `get_*` action's Xtream shape. */
export const PLAYER_API_RESPONSES: Responses = {
  "200": {
    description:
      "Xtream Codes JSON: `user_info` and `server_info` without `action` and for `get_profile` and `get_server_info`, " +
      "the action's list or object for the other actions, " +
      "and `{ user_info: { auth: 0 } }` for wrong or inactive credentials (players expect 200 there)",
    content: {
      "application/json": {
        schema: {},
        examples: {
          account: {
            summary: "No action, get_profile or get_server_info: the line's account and the server",
            value: {
              user_info: {
                username: "k3v9q2m7xw",
                password: "p8d2k4m9q1z7",
                message: "",
                auth: 1,
                status: "Active",
                exp_date: "1798200000",
                is_trial: "0",
                active_cons: "0",
                created_at: "1764072000",
                max_connections: "2",
                allowed_output_formats: ["m3u8", "ts"],
              },
              server_info: {
                url: "tv.example.com",
                port: "80",
                https_port: "443",
                server_protocol: "https",
                rtmp_port: "0",
                timezone: "UTC",
                timestamp_now: 1764072000,
                time_now: "2025-11-25 12:00:00",
              },
            },
          },
          get_live_streams: {
            summary: "action=get_live_streams",
            value: [
              {
                num: 1,
                name: "Neve One",
                stream_type: "live",
                stream_id: 1,
                stream_icon: "https://cdn.example.com/logos/neve-one.png",
                epg_channel_id: "neve.one",
                added: "1764072000",
                is_adult: "0",
                category_id: "1",
                category_ids: [1],
                custom_sid: "",
                tv_archive: 0,
                direct_source: "",
                tv_archive_duration: 0,
                thumbnail: "",
              },
            ],
          },
          refused: { summary: "Wrong or inactive credentials", value: { user_info: { auth: 0 } } },
        },
      },
    },
  },
  ...problemResponses(404),
};
