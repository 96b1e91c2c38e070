/**
 * The video player: HLS through hls.js (loaded only when a stream starts, so pages stay small),
 * native HLS where the engine has it (Safari, webOS), MPEG-TS live through mpegts.js (also
 * loaded on demand), plain files for movies. Channel up/down,
 * full screen, audio and subtitle tracks; errors are shown by their problem `code`.
 */
import { createEffect, createSignal, For, type JSX, onCleanup, Show, untrack } from "solid-js";
import { playTs, type TsPlayback } from "./ts-player.ts";

export interface PlayerSource {
  url: string;
  format: "hls" | "ts" | "file";
}

export interface PlayerLabels {
  channelUp: string;
  channelDown: string;
  fullscreen: string;
  audio: string;
  subtitles: string;
  off: string;
  loading: string;
  retry: string;
}

export interface PlayerProps {
  source: PlayerSource | null;
  title: string;
  labels: PlayerLabels;
  /** A message to show instead of the video (e.g. "no subscription"), with its code. */
  error?: { code: string; message: string; action?: JSX.Element } | null;
  loading?: boolean;
  startAt?: number;
  onChannelUp?: () => void;
  onChannelDown?: () => void;
  onRetry?: (() => void) | undefined;
  onProgress?: (position: number, duration: number) => void;
  /** Called when playback fails after it was set up (stream offline, network). */
  onPlaybackError?: (code: string) => void;
}

interface Track {
  id: number;
  label: string;
}

type HlsInstance = import("hls.js").default;

export function Player(props: PlayerProps) {
  let video: HTMLVideoElement | undefined;
  let frame: HTMLElement | undefined;
  let hls: HlsInstance | null = null;
  let ts: TsPlayback | null = null;
  /** Bumped on every attach and teardown: an attach that finishes loading late gives up. */
  let generation = 0;
  const [audioTracks, setAudioTracks] = createSignal<Track[]>([]);
  const [audioTrack, setAudioTrack] = createSignal(-1);
  const [textTracks, setTextTracks] = createSignal<Track[]>([]);
  const [textTrack, setTextTrack] = createSignal(-1);
  const [buffering, setBuffering] = createSignal(false);

  const teardown = () => {
    generation += 1;
    hls?.destroy();
    hls = null;
    ts?.destroy();
    ts = null;
    setAudioTracks([]);
    setTextTracks([]);
    if (video) {
      video.removeAttribute("src");
      video.load();
    }
  };

  const attach = async (source: PlayerSource) => {
    if (!video) return;
    teardown();
    const mine = generation;
    setBuffering(true);
    // `localStorage["nevewatch.player"] = "hls.js"` forces hls.js where the engine has native HLS
    // (for comparisons and for engines whose native HLS misbehaves).
    const forceHlsJs = localStorage.getItem("nevewatch.player") === "hls.js";
    const nativeHls = !forceHlsJs && video.canPlayType("application/vnd.apple.mpegurl") !== "";
    const nativeTs = video.canPlayType("video/mp2t") !== "";
    if (source.format === "ts" && !nativeTs) {
      const media = video;
      const started = await playTs(media, source.url, {
        onError: (code) => {
          if (mine === generation) props.onPlaybackError?.(code);
        },
      });
      if (mine !== generation) {
        started.destroy();
        return;
      }
      ts = started;
    } else if (source.format !== "hls" || nativeHls) {
      video.src = source.url;
      // Native playback exposes the stream's subtitles as text tracks.
      const media = video;
      media.textTracks.onaddtrack = () => {
        const list = [...media.textTracks].filter((t) => t.kind === "subtitles" || t.kind === "captions");
        setTextTracks(list.map((t, i) => ({ id: i, label: t.label || t.language || `#${i + 1}` })));
        setTextTrack(list.findIndex((t) => t.mode === "showing"));
      };
    } else {
      const { default: Hls } = await import("hls.js");
      if (mine !== generation) return;
      if (!Hls.isSupported()) {
        props.onPlaybackError?.("unsupported");
        return;
      }
      const instance = new Hls({ lowLatencyMode: false, backBufferLength: 30 });
      hls = instance;
      instance.on(Hls.Events.MANIFEST_PARSED, () => {
        setAudioTracks(
          instance.audioTracks.map((t, i) => ({ id: i, label: t.name || t.lang || `#${i + 1}` })),
        );
        setAudioTrack(instance.audioTrack);
        setTextTracks(
          instance.subtitleTracks.map((t, i) => ({ id: i, label: t.name || t.lang || `#${i + 1}` })),
        );
        setTextTrack(instance.subtitleTrack);
      });
      instance.on(Hls.Events.ERROR, (_event, data) => {
        if (!data.fatal) return;
        const offline =
          data.type === Hls.ErrorTypes.NETWORK_ERROR &&
          (data.response?.code === 404 ||
            data.response?.code === 410 ||
            data.response?.code === 502 ||
            data.response?.code === 503);
        props.onPlaybackError?.(offline ? "stream_offline" : "network_error");
      });
      instance.loadSource(source.url);
      instance.attachMedia(video);
    }
    const startAt = untrack(() => props.startAt);
    if (startAt) video.currentTime = startAt;
    video.play().catch(() => undefined);
  };

  // Only a new source re-attaches: nothing else the attach reads may restart playback.
  createEffect(() => {
    const source = props.source;
    untrack(() => {
      if (source) void attach(source);
      else teardown();
    });
  });
  onCleanup(teardown);

  const toggleFullscreen = () => {
    if (!frame) return;
    if (document.fullscreenElement) void document.exitFullscreen();
    else void frame.requestFullscreen?.();
  };

  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.tagName === "SELECT" || target.tagName === "INPUT") return;
    if (event.key === "ChannelUp" || event.key === "PageUp") props.onChannelUp?.();
    else if (event.key === "ChannelDown" || event.key === "PageDown") props.onChannelDown?.();
    else if (event.key === "f") toggleFullscreen();
    else return;
    event.preventDefault();
  };

  // Progress goes out every 5 s while playing, and at once on pause and at the end, so a
  // viewer who pauses and leaves continues from exactly there.
  let lastReport = 0;
  const reportProgress = (media: HTMLVideoElement, now: boolean) => {
    if (!props.onProgress || media.currentTime <= 0) return;
    const at = Date.now();
    if (!now && at - lastReport < 5000) return;
    lastReport = at;
    props.onProgress(media.currentTime, Number.isFinite(media.duration) ? media.duration : 0);
  };
  return (
    <section class="player" ref={frame} onKeyDown={onKey} aria-label={props.title}>
      {/* biome-ignore lint/a11y/useMediaCaption: captions are the stream's own subtitle tracks, chosen in the bar below */}
      <video
        ref={video}
        class="player-video"
        playsinline
        autoplay
        controls
        aria-label={props.title}
        onWaiting={() => setBuffering(true)}
        onPlaying={() => setBuffering(false)}
        onError={() => {
          if (props.source) props.onPlaybackError?.("stream_offline");
        }}
        onTimeUpdate={(e) => reportProgress(e.currentTarget, false)}
        onPause={(e) => reportProgress(e.currentTarget, true)}
        onEnded={(e) => reportProgress(e.currentTarget, true)}
      />
      <Show when={props.error}>
        {(error) => (
          <div class="player-overlay player-error" role="alert" data-code={error().code}>
            <p>{error().message}</p>
            <div class="row">
              {error().action}
              <Show when={props.onRetry}>
                <button type="button" class="btn" onClick={() => props.onRetry?.()}>
                  {props.labels.retry}
                </button>
              </Show>
            </div>
          </div>
        )}
      </Show>
      <Show when={!props.error && (props.loading || (props.source && buffering()))}>
        <div class="player-overlay" aria-live="polite">
          <span class="spinner" aria-hidden="true" />
          <span>{props.labels.loading}</span>
        </div>
      </Show>
      <div class="player-bar">
        <strong class="player-title">{props.title}</strong>
        <Show when={props.onChannelDown}>
          <button
            type="button"
            class="btn btn-small"
            onClick={() => props.onChannelDown?.()}
            aria-label={props.labels.channelDown}
          >
            ▼
          </button>
        </Show>
        <Show when={props.onChannelUp}>
          <button
            type="button"
            class="btn btn-small"
            onClick={() => props.onChannelUp?.()}
            aria-label={props.labels.channelUp}
          >
            ▲
          </button>
        </Show>
        <Show when={audioTracks().length > 1}>
          <label class="player-select">
            <span>{props.labels.audio}</span>
            <select
              value={audioTrack()}
              onChange={(e) => {
                const id = Number(e.currentTarget.value);
                if (hls) hls.audioTrack = id;
                setAudioTrack(id);
              }}
            >
              <For each={audioTracks()}>{(t) => <option value={t.id}>{t.label}</option>}</For>
            </select>
          </label>
        </Show>
        <Show when={textTracks().length > 0}>
          <label class="player-select">
            <span>{props.labels.subtitles}</span>
            <select
              value={textTrack()}
              onChange={(e) => {
                const id = Number(e.currentTarget.value);
                if (hls) hls.subtitleTrack = id;
                else if (video) {
                  const list = [...video.textTracks].filter(
                    (t) => t.kind === "subtitles" || t.kind === "captions",
                  );
                  list.forEach((track, i) => {
                    track.mode = i === id ? "showing" : "disabled";
                  });
                }
                setTextTrack(id);
              }}
            >
              <option value={-1}>{props.labels.off}</option>
              <For each={textTracks()}>{(t) => <option value={t.id}>{t.label}</option>}</For>
            </select>
          </label>
        </Show>
        <button
          type="button"
          class="btn btn-small"
          onClick={toggleFullscreen}
          aria-label={props.labels.fullscreen}
        >
          <svg
            width="14"
            height="14"
            viewBox="0 0 14 14"
            aria-hidden="true"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
          >
            <path d="M1 5V1h4M9 1h4v4M13 9v4H9M5 13H1V9" />
          </svg>
        </button>
      </div>
    </section>
  );
}
