/**
 * Live progress of a catalog import: the realtime topic `stores/<id>/imports/<importId>`, with
 * a slow poll of the import record as a fallback when the socket is not connected.
 */
import type { NeveWatchClient, ResponseBody, Subscription } from "@nevewatch/sdk";
import { createEffect, createSignal, onCleanup, onMount, Show } from "solid-js";
import { useI18n } from "../i18n/i18n.tsx";
import { getRealtimeBase } from "../lib/public-data.ts";
import { StatusBadge } from "./data-table.tsx";

export type ImportRecord = ResponseBody<"/v1/catalog/imports/{id}", "get">;

export function ImportProgress(props: {
  api: NeveWatchClient;
  storeId: string;
  initial: ImportRecord;
  label: string;
  onDone?: (record: ImportRecord) => void;
}) {
  const { t } = useI18n();
  const [record, setRecord] = createSignal<ImportRecord>(props.initial);
  const [live, setLive] = createSignal(false);
  const done = () => record().status === "succeeded" || record().status === "failed";
  let reported = false;
  createEffect(() => {
    if (done() && !reported) {
      reported = true;
      props.onDone?.(record());
    }
  });
  let subscription: Subscription | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  onMount(async () => {
    const topic = `stores/${props.storeId}/imports/${props.initial.id}`;
    try {
      subscription = await props.api.subscribe(
        topic,
        (data) => {
          setRecord(data as ImportRecord);
          setLive(true);
        },
        { url: await getRealtimeBase(), onClose: () => setLive(false) },
      );
      subscription.ready.then(
        () => setLive(true),
        () => setLive(false),
      );
    } catch {
      subscription = undefined;
    }
    // The socket brings every step at once; a slow poll still runs, so an update published
    // before the subscription landed (or a dropped socket) cannot leave the bar stuck.
    let ticks = 0;
    timer = setInterval(async () => {
      if (done()) return clearInterval(timer);
      ticks++;
      if (live() && ticks % 3 !== 0) return;
      const fresh = await props.api
        .GET("/v1/catalog/imports/{id}", { params: { path: { id: props.initial.id } } })
        .catch(() => null);
      if (fresh && !done()) setRecord(fresh);
    }, 1000);
  });
  onCleanup(() => {
    subscription?.close();
    clearInterval(timer);
  });

  const counts = () => record().counts;
  return (
    <div class="card stack" data-testid="import-progress" data-status={record().status}>
      <div class="row">
        <strong>{props.label}</strong>
        <StatusBadge status={record().status} />
        <span class="live-dot" data-live={live() ? "true" : "false"}>
          {live() ? `● ${t("c.live")}` : ""}
        </span>
        <span>{Number(record().percent)}%</span>
      </div>
      <div
        class="progress"
        role="progressbar"
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow={Number(record().percent)}
      >
        <div style={{ width: `${Number(record().percent)}%` }} />
      </div>
      <span class="muted">
        {t("c.importCounts", {
          read: Number(counts().read),
          inserted: Number(counts().inserted),
          updated: Number(counts().updated),
          unchanged: Number(counts().unchanged),
          missing: Number(counts().missing),
          errors: Number(counts().errors),
        })}
      </span>
      <Show when={record().failure}>{(failure) => <p class="error-box">{String(failure())}</p>}</Show>
    </div>
  );
}
