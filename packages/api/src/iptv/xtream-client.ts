import { AppError, isAppError } from "../errors/app-error.ts";
import { flag, list, record } from "./_xtream-coerce.ts";
import {
  type NormaliseContext,
  normaliseAccount,
  normaliseCategory,
  normaliseLive,
  normaliseSeries,
  normaliseVod,
} from "./_xtream-normalise.ts";
import { normaliseSeriesInfo } from "./_xtream-series-info.ts";
import { XtreamError } from "./xtream-error.ts";
import type {
  XtreamAccount,
  XtreamCategory,
  XtreamLiveEntry,
  XtreamSeries,
  XtreamSeriesInfo,
  XtreamVodEntry,
} from "./xtream-types.ts";
import {
  panelRoot,
  type XtreamCredentials,
  type XtreamStreamUrls,
  xtreamApiUrl,
  xtreamStreamUrls,
} from "./xtream-urls.ts";

export interface XtreamClientOptions extends XtreamCredentials {
  /**
   * Defaults to the global `fetch`; tests, proxies and guards pass their own. An `AppError` it
   * throws is passed on as is.
   */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Per request. Default 60 s: full stream lists of big panels are tens of MB. */
  timeoutMs?: number;
  /** Container of live stream URLs. Default `ts`. */
  liveFormat?: "ts" | "m3u8";
  /** Some panels refuse unknown clients; default is a common player's. */
  userAgent?: string;
  /** Hears about items that were skipped because they could not be read. */
  onWarning?: (message: string) => void;
}

/** Filters for the list calls; `categories` fills each entry's `group` with its category name. */
export interface XtreamListOptions {
  categoryId?: string;
  categories?: readonly XtreamCategory[];
}

/**
 * Reads an Xtream Codes panel through `player_api.php` and normalises its answers (numbers
 * sent as strings or numbers, PHP objects in place of lists) to catalog entries with ready
 * stream URLs. Every failure is an `XtreamError` whose message never holds the credentials.
 */
export class XtreamClient {
  readonly urls: XtreamStreamUrls;
  readonly #credentials: XtreamCredentials;
  readonly #host: string;
  readonly #fetch: (input: string, init?: RequestInit) => Promise<Response>;
  readonly #timeoutMs: number;
  readonly #liveFormat: string;
  readonly #userAgent: string;
  readonly #warn: (message: string) => void;

  constructor(options: XtreamClientOptions) {
    try {
      this.#host = new URL(panelRoot(options.baseUrl)).host;
    } catch {
      throw new AppError("validation_failed", `Xtream base URL "${options.baseUrl}" is not an http(s) URL`);
    }
    this.#credentials = { baseUrl: options.baseUrl, username: options.username, password: options.password };
    this.urls = xtreamStreamUrls(this.#credentials);
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#liveFormat = options.liveFormat ?? "ts";
    this.#userAgent = options.userAgent ?? "VLC/3.0.20 LibVLC/3.0.20";
    this.#warn = options.onWarning ?? (() => {});
  }

  /** Logs in: the subscription's status, expiry and connection limits. */
  async getAccount(): Promise<XtreamAccount> {
    const body = record(await this.#call(undefined));
    const account = body === undefined ? undefined : normaliseAccount(body);
    if (account === undefined) throw this.#badResponse("login", "has no user_info");
    return account;
  }

  getLiveCategories(): Promise<XtreamCategory[]> {
    return this.#categories("get_live_categories");
  }

  getVodCategories(): Promise<XtreamCategory[]> {
    return this.#categories("get_vod_categories");
  }

  getSeriesCategories(): Promise<XtreamCategory[]> {
    return this.#categories("get_series_categories");
  }

  async getLiveStreams(options: XtreamListOptions = {}): Promise<XtreamLiveEntry[]> {
    const items = await this.#list("get_live_streams", options);
    const context = this.#context(options);
    return items.map((item) => normaliseLive(item, context)).filter((entry) => entry !== undefined);
  }

  async getVodStreams(options: XtreamListOptions = {}): Promise<XtreamVodEntry[]> {
    const items = await this.#list("get_vod_streams", options);
    const context = this.#context(options);
    return items.map((item) => normaliseVod(item, context)).filter((entry) => entry !== undefined);
  }

  async getSeries(options: XtreamListOptions = {}): Promise<XtreamSeries[]> {
    const items = await this.#list("get_series", options);
    const names = categoryNames(options.categories);
    const series: XtreamSeries[] = [];
    for (const item of items) {
      const one = normaliseSeries(item, names);
      if (one === undefined) this.#warn("series without a series_id; skipped");
      else series.push(one);
    }
    return series;
  }

  /** One show's seasons and episodes, each episode with its `/series/…` URL. */
  async getSeriesInfo(seriesId: number): Promise<XtreamSeriesInfo> {
    const action = "get_series_info";
    const raw = await this.#call(action, { series_id: String(seriesId) });
    const body = record(raw);
    if (body === undefined || (record(body.info) === undefined && body.episodes === undefined)) {
      throw new XtreamError("not_found", `Xtream panel "${this.#host}" has no series ${seriesId}`, {
        action,
        host: this.#host,
      });
    }
    return normaliseSeriesInfo(body, seriesId, this.urls, this.#warn);
  }

  async #categories(action: string): Promise<XtreamCategory[]> {
    const items = await this.#list(action, {});
    const categories: XtreamCategory[] = [];
    for (const item of items) {
      const category = normaliseCategory(item);
      if (category === undefined) this.#warn(`category without a category_id in ${action}; skipped`);
      else categories.push(category);
    }
    return categories;
  }

  async #list(action: string, options: XtreamListOptions): Promise<unknown[]> {
    const params: Record<string, string> = {};
    if (options.categoryId !== undefined) params.category_id = options.categoryId;
    const items = list(await this.#call(action, params));
    if (items === undefined) throw this.#badResponse(action, "is not a list");
    return items;
  }

  #context(options: XtreamListOptions): NormaliseContext {
    return {
      urls: this.urls,
      liveFormat: this.#liveFormat,
      categoryNames: categoryNames(options.categories),
      warn: this.#warn,
    };
  }

  /** One request: transport, status and JSON checks, and the panel's own `auth: 0` answer. */
  async #call(action: string | undefined, params: Record<string, string> = {}): Promise<unknown> {
    const name = action ?? "login";
    const details = { action: name, host: this.#host };
    const url = xtreamApiUrl(this.#credentials, action === undefined ? params : { action, ...params });
    let response: Response;
    try {
      response = await this.#fetch(url, {
        headers: { accept: "application/json", "user-agent": this.#userAgent },
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error: unknown) {
      // A fetch that refuses on purpose (an SSRF guard) says why better than "could not be reached".
      if (isAppError(error)) throw error;
      const timedOut = error instanceof DOMException && error.name === "TimeoutError";
      throw new XtreamError(
        timedOut ? "timeout" : "network",
        timedOut
          ? `Xtream panel "${this.#host}" did not answer "${name}" within ${this.#timeoutMs} ms`
          : `Xtream panel "${this.#host}" could not be reached for "${name}"`,
        { ...details, cause: error },
      );
    }
    const body = await response.text();
    const parsed = parseJson(body);
    const user = record(record(parsed)?.user_info);
    if (response.status === 401 || (user !== undefined && "auth" in user && !flag(user.auth))) {
      throw this.#authFailed(name);
    }
    if (!response.ok) {
      throw new XtreamError(
        "http",
        `Xtream panel "${this.#host}" answered HTTP ${response.status} to "${name}"`,
        {
          ...details,
          httpStatus: response.status,
          snippet: this.#snippet(body),
        },
      );
    }
    if (parsed === NOT_JSON) {
      throw new XtreamError(
        "not_json",
        `Xtream panel "${this.#host}" answered "${name}" with something that is not JSON`,
        {
          ...details,
          httpStatus: response.status,
          snippet: this.#snippet(body),
        },
      );
    }
    return parsed;
  }

  /** The start of a body for error details, with the credentials masked. */
  #snippet(body: string): string {
    let text = body.slice(0, 160);
    for (const secret of [this.#credentials.password, this.#credentials.username]) {
      if (secret !== "") text = text.replaceAll(secret, "***");
    }
    return text.replace(/\s+/g, " ").trim();
  }

  #authFailed(action: string): XtreamError {
    return new XtreamError("auth", `Xtream panel "${this.#host}" rejected the username or password`, {
      action,
      host: this.#host,
    });
  }

  #badResponse(action: string, problem: string): XtreamError {
    return new XtreamError("bad_response", `Xtream panel "${this.#host}" answer to "${action}" ${problem}`, {
      action,
      host: this.#host,
    });
  }
}

function categoryNames(categories: readonly XtreamCategory[] | undefined): Map<string, string> {
  return new Map((categories ?? []).map((category) => [category.id, category.name]));
}

const NOT_JSON = Symbol("not JSON");

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return NOT_JSON;
  }
}
