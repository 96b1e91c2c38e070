/**
 * What is on now and next on one channel (from the store's guide), with the elapsed part of
 * the current programme. Labels come from the caller, so desktop and TV apps reuse it.
 */
import { Show } from "solid-js";

export interface GuideProgramme {
  id: string;
  title: string;
  start: string;
  stop: string;
  description: string | null;
}

export interface NowNextProps {
  programmes: GuideProgramme[];
  labels: { now: string; next: string };
  formatTime: (iso: string) => string;
}

export function NowNext(props: NowNextProps) {
  const formatTime = (iso: string) => props.formatTime(iso);
  const now = () =>
    props.programmes.find(
      (p) => new Date(p.start).getTime() <= Date.now() && Date.now() < new Date(p.stop).getTime(),
    );
  const next = () => props.programmes.find((p) => new Date(p.start).getTime() > Date.now());
  const progress = () => {
    const p = now();
    if (!p) return 0;
    const start = new Date(p.start).getTime();
    return Math.round(((Date.now() - start) / (new Date(p.stop).getTime() - start)) * 100);
  };
  return (
    <Show when={now() || next()}>
      <div class="card now-next" aria-live="polite">
        <Show when={now()}>
          {(p) => (
            <div>
              <span class="badge badge-ok">{props.labels.now}</span> <strong>{p().title}</strong>{" "}
              <span class="muted">
                {formatTime(p().start)}–{formatTime(p().stop)}
              </span>
              <div class="progress" aria-hidden="true">
                <div style={{ width: `${progress()}%` }} />
              </div>
              <Show when={p().description}>
                <p class="muted">{p().description}</p>
              </Show>
            </div>
          )}
        </Show>
        <Show when={next()}>
          {(p) => (
            <div>
              <span class="badge">{props.labels.next}</span> {p().title}{" "}
              <span class="muted">{formatTime(p().start)}</span>
            </div>
          )}
        </Show>
      </div>
    </Show>
  );
}
