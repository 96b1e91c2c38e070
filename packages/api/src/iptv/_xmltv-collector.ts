import type { SaxesParser, SaxesTagPlain } from "saxes";
import { parseEpisodeNumber } from "./xmltv-episode.ts";
import type { XmltvChannel, XmltvEvent, XmltvProgramme } from "./xmltv-parser.ts";

interface CollectorOptions {
  readTime: (text: string) => number | undefined;
  language: string | undefined;
  maxXmlErrors: number;
  out: XmltvEvent[];
}

interface Localised {
  lang: string | undefined;
  text: string;
}

interface ProgrammeDraft {
  line: number;
  attributes: Record<string, string>;
  titles: Localised[];
  subTitles: Localised[];
  descriptions: Localised[];
  categories: string[];
  episodeNums: { system?: string; value: string }[];
  icon: string | undefined;
  ratings: { system?: string; value: string }[];
}

/** The elements whose text is read. */
type Field =
  | "display-name"
  | "url"
  | "title"
  | "sub-title"
  | "desc"
  | "category"
  | "episode-num"
  | "rating-value";
const PROGRAMME_TEXT = new Set<string>(["title", "sub-title", "desc", "category", "episode-num"]);

/** Which text is being gathered, and for which field; stored when its element closes. */
interface Capture {
  depth: number;
  field: Field;
  text: string;
  /** `lang` or `system` of the element. */
  qualifier: string | undefined;
}

/**
 * Turns SAX events into channels and programmes. Only the elements it knows are read;
 * anything else (credits, star ratings, vendor extensions) is walked past.
 */
export class XmltvCollector {
  readonly #options: CollectorOptions;
  readonly #stack: string[] = [];
  readonly #channels = new Set<string>();
  readonly #undeclared = new Set<string>();
  #parser: SaxesParser | undefined;
  #channel: (XmltvChannel & { line: number }) | undefined;
  #programme: ProgrammeDraft | undefined;
  #capture: Capture | undefined;
  #xmlErrors = 0;

  constructor(options: CollectorOptions) {
    this.#options = options;
  }

  attach(parser: SaxesParser): void {
    this.#parser = parser;
    parser.on("opentag", (tag) => this.#open(tag));
    parser.on("closetag", () => this.#close());
    parser.on("text", (text) => this.#text(text));
    parser.on("cdata", (text) => this.#text(text));
    parser.on("error", (error) => this.#xmlError(error.message));
  }

  /** Reports what was only counted. */
  finish(): void {
    const hidden = this.#xmlErrors - this.#options.maxXmlErrors;
    if (hidden > 0) this.#warn(0, `${hidden} more XML errors not shown`);
  }

  #open(tag: SaxesTagPlain): void {
    const depth = this.#stack.length;
    this.#stack.push(tag.name);
    const attributes = tag.attributes;
    const line = this.#parser?.line ?? 0;
    if (depth === 1 && tag.name === "channel") {
      this.#channel = { id: attributes.id?.trim() ?? "", displayNames: [], line };
    } else if (depth === 1 && tag.name === "programme") {
      this.#programme = {
        line,
        attributes,
        titles: [],
        subTitles: [],
        descriptions: [],
        categories: [],
        episodeNums: [],
        icon: undefined,
        ratings: [],
      };
    } else if (depth === 2 && this.#channel !== undefined) {
      if (tag.name === "display-name" || tag.name === "url") this.#start(tag.name, undefined);
      else if (tag.name === "icon" && attributes.src) this.#channel.icon ??= attributes.src.trim();
    } else if (depth === 2 && this.#programme !== undefined) {
      const name = tag.name;
      if (PROGRAMME_TEXT.has(name)) {
        const qualifier = name === "episode-num" ? attributes.system : attributes.lang?.toLowerCase();
        this.#start(name as Field, qualifier);
      } else if (name === "icon" && attributes.src) this.#programme.icon ??= attributes.src.trim();
      else if (name === "rating") this.#programme.ratings.push(withSystem(attributes.system, ""));
    } else if (depth === 3 && tag.name === "value" && this.#stack[2] === "rating") {
      this.#start("rating-value", undefined);
    }
  }

  #start(field: Field, qualifier: string | undefined): void {
    this.#capture = { depth: this.#stack.length, field, text: "", qualifier };
  }

  #store({ field, qualifier }: Capture, text: string): void {
    const channel = this.#channel;
    const programme = this.#programme;
    if (text === "") return;
    if (channel !== undefined) {
      if (field === "display-name") channel.displayNames.push(text);
      else if (field === "url") channel.url ??= text;
      return;
    }
    if (programme === undefined) return;
    switch (field) {
      case "title":
        programme.titles.push({ lang: qualifier, text });
        break;
      case "sub-title":
        programme.subTitles.push({ lang: qualifier, text });
        break;
      case "desc":
        programme.descriptions.push({ lang: qualifier, text });
        break;
      case "category":
        programme.categories.push(text);
        break;
      case "episode-num":
        programme.episodeNums.push(withSystem(qualifier, text));
        break;
      case "rating-value": {
        const rating = programme.ratings.at(-1);
        if (rating !== undefined) rating.value = text;
        break;
      }
      default:
        break;
    }
  }

  #text(text: string): void {
    if (this.#capture !== undefined) this.#capture.text += text;
  }

  #close(): void {
    const capture = this.#capture;
    if (capture !== undefined && capture.depth === this.#stack.length) {
      this.#capture = undefined;
      this.#store(capture, capture.text.trim());
    }
    const name = this.#stack.pop();
    if (this.#stack.length !== 1) return;
    if (name === "channel" && this.#channel !== undefined) this.#endChannel(this.#channel);
    else if (name === "programme" && this.#programme !== undefined) this.#endProgramme(this.#programme);
    this.#channel = undefined;
    this.#programme = undefined;
    this.#capture = undefined;
  }

  #endChannel(draft: XmltvChannel & { line: number }): void {
    const { line, ...channel } = draft;
    if (channel.id === "") {
      this.#warn(line, "channel has no id; skipped");
      return;
    }
    if (this.#channels.has(channel.id)) this.#warn(line, `channel "${channel.id}" is declared again`);
    this.#channels.add(channel.id);
    this.#options.out.push({ type: "channel", line, channel });
  }

  #endProgramme(draft: ProgrammeDraft): void {
    const programme = this.#programmeOf(draft);
    if (typeof programme === "string") {
      this.#warn(draft.line, programme);
      return;
    }
    const channel = programme.channel;
    if (!this.#channels.has(channel) && !this.#undeclared.has(channel)) {
      this.#undeclared.add(channel);
      this.#warn(draft.line, `programme for channel "${channel}" which has no <channel> before it`);
    }
    this.#options.out.push({ type: "programme", line: draft.line, programme });
  }

  /** The programme, or why it was skipped. */
  #programmeOf(draft: ProgrammeDraft): XmltvProgramme | string {
    const { line, attributes } = draft;
    const channel = attributes.channel?.trim() ?? "";
    if (channel === "") return "programme has no channel; skipped";
    const start = this.#options.readTime(attributes.start ?? "");
    if (start === undefined)
      return `programme start "${attributes.start ?? ""}" is not an XMLTV time; skipped`;
    let stop: number | undefined;
    if (attributes.stop !== undefined && attributes.stop.trim() !== "") {
      stop = this.#options.readTime(attributes.stop);
      if (stop === undefined)
        this.#warn(line, `programme stop "${attributes.stop}" is not an XMLTV time; ignored`);
      else if (stop <= start) return "programme does not end after it starts; skipped";
    }
    const title = this.#pick(draft.titles);
    if (title === undefined) return "programme has no title; skipped";
    const programme: XmltvProgramme = { channel, start, title };
    if (stop !== undefined) programme.stop = stop;
    const subTitle = this.#pick(draft.subTitles);
    if (subTitle !== undefined) programme.subTitle = subTitle;
    const description = this.#pick(draft.descriptions);
    if (description !== undefined) programme.description = description;
    if (draft.categories.length > 0) programme.categories = draft.categories;
    if (draft.episodeNums.length > 0) {
      programme.episodeNums = draft.episodeNums;
      const parsed = draft.episodeNums
        .map(({ system, value }) => parseEpisodeNumber(system, value))
        .find((number) => number.season !== undefined || number.episode !== undefined);
      if (parsed?.season !== undefined) programme.season = parsed.season;
      if (parsed?.episode !== undefined) programme.episode = parsed.episode;
    }
    if (draft.icon !== undefined && draft.icon !== "") programme.icon = draft.icon;
    const ratings = draft.ratings.filter((rating) => rating.value !== "");
    if (ratings.length > 0) programme.ratings = ratings;
    return programme;
  }

  /** The text in the preferred language, else the first. */
  #pick(texts: readonly Localised[]): string | undefined {
    const language = this.#options.language;
    const preferred = language === undefined ? undefined : texts.find((text) => text.lang === language);
    return (preferred ?? texts[0])?.text;
  }

  #xmlError(message: string): void {
    this.#xmlErrors++;
    if (this.#xmlErrors > this.#options.maxXmlErrors) return;
    const text = message.replace(/^\d+:\d+:\s*/, "").replace(/\.$/, "");
    this.#warn(this.#parser?.line ?? 0, `XML error: ${text}`);
  }

  #warn(line: number, message: string): void {
    this.#options.out.push({ type: "warning", line, message });
  }
}

function withSystem(system: string | undefined, value: string): { system?: string; value: string } {
  return system === undefined || system === "" ? { value } : { system, value };
}
