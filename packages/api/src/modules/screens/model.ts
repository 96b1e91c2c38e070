/**
 * Screens: the viewer's playback sessions that currently hold one of their plan's concurrent
 * stream slots.
 */
import { t } from "elysia";

export const ActiveScreenSchema = t.Object({
  sessionId: t.String(),
  streamId: t.Union([t.String(), t.Null()]),
  device: t.Union([t.String(), t.Null()]),
  /** Null when the session's details lapsed a moment before its slot. */
  since: t.Union([t.String({ format: "date-time" }), t.Null()]),
});
export type ActiveScreen = typeof ActiveScreenSchema.static;

export const MyScreensSchema = t.Object(
  {
    limit: t.Integer({ description: "Concurrent streams the current plan allows (0 without one)" }),
    items: t.Array(ActiveScreenSchema),
  },
  {
    examples: [
      {
        limit: 2,
        items: [
          {
            sessionId: "01jd6y6z0m7c8f2k4n5p6q7r8s",
            streamId: "ch-news-hd",
            device: "LG webOS TV",
            since: "2026-11-25T12:00:00.000Z",
          },
        ],
      },
    ],
  },
);

export const ScreenParams = t.Object({ sessionId: t.String({ minLength: 1, maxLength: 128 }) });
