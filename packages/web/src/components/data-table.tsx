/**
 * A plain, accessible table for console lists ("Nothing yet." when there are no rows).
 */
import { For, type JSX, Show } from "solid-js";
import { LANGUAGES, type MessageKey, useI18n } from "../i18n/i18n.tsx";

export interface Column<T> {
  header: string;
  cell: (row: T) => JSX.Element;
}

export function DataTable<T>(props: { rows: T[] | undefined; columns: Column<T>[]; caption?: string }) {
  const { t } = useI18n();
  return (
    <Show when={(props.rows ?? []).length > 0} fallback={<p class="muted">{t("console.empty")}</p>}>
      <div class="table-wrap">
        <table>
          <Show when={props.caption}>
            <caption class="sr-only">{props.caption}</caption>
          </Show>
          <thead>
            <tr>
              <For each={props.columns}>{(c) => <th scope="col">{c.header}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr>
                  <For each={props.columns}>{(c) => <td>{c.cell(row)}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}

export function StatusBadge(props: { status: string }) {
  const { t } = useI18n();
  const label = () => {
    const key = `status.${props.status}`;
    return key in LANGUAGES.en ? t(key as MessageKey) : props.status;
  };
  const tone = () =>
    ["active", "succeeded", "healthy", "online", "verified"].includes(props.status)
      ? "badge-ok"
      : ["failed", "suspended", "revoked", "offline", "dead", "disabled"].includes(props.status)
        ? "badge-bad"
        : "badge-warn";
  return (
    <span class={`badge ${tone()}`} data-status={props.status}>
      {label()}
    </span>
  );
}
