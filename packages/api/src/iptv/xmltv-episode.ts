/** Season and episode, both 1-based as people count them. */
export interface EpisodeNumber {
  season?: number;
  episode?: number;
}

const ONSCREEN = /S\s*(\d{1,4})\s*[.:-]?\s*E\s*(\d{1,5})|(\d{1,3})\s*x\s*(\d{1,4})|^\s*E\s*(\d{1,5})\s*$/i;

/**
 * Reads an `<episode-num>`: `xmltv_ns` is zero-based `season.episode.part` with optional
 * `/total` parts (`"1.4/10."` is season 2, episode 5); other systems (`onscreen`, `SxxExx`)
 * are matched by pattern. Returns an empty object when nothing reads.
 */
export function parseEpisodeNumber(system: string | undefined, value: string): EpisodeNumber {
  const result: EpisodeNumber = {};
  if (system === "xmltv_ns") {
    const [season, episode] = value.split(".").map((part) => Number.parseInt(part.split("/")[0] ?? "", 10));
    if (season !== undefined && Number.isFinite(season) && season >= 0) result.season = season + 1;
    if (episode !== undefined && Number.isFinite(episode) && episode >= 0) result.episode = episode + 1;
    return result;
  }
  const match = ONSCREEN.exec(value);
  if (match === null) return result;
  const season = match[1] ?? match[3];
  const episode = match[2] ?? match[4] ?? match[5];
  if (season !== undefined) result.season = Number(season);
  if (episode !== undefined) result.episode = Number(episode);
  return result;
}
