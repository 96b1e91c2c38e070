/**
 * Platform metrics: the API's Prometheus counters and gauges, summed per metric.
 */
import { createResource, For, Show } from "solid-js";
import { useI18n } from "../../i18n/i18n.tsx";
import { useSession } from "../../lib/session.tsx";

function summarize(text: string): { name: string; help: string; value: number }[] {
  const help = new Map<string, string>();
  const sums = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line.startsWith("# HELP ")) {
      const [, , name, ...rest] = line.split(" ");
      if (name) help.set(name, rest.join(" "));
    } else if (line && !line.startsWith("#")) {
      const match = line.match(/^([a-zA-Z_:][\w:]*)(?:\{[^}]*\})?\s+(\S+)/);
      if (match?.[1] && !match[1].endsWith("_bucket"))
        sums.set(match[1], (sums.get(match[1]) ?? 0) + Number(match[2]));
    }
  }
  return [...sums].map(([name, value]) => ({
    name,
    value,
    help: help.get(name.replace(/_(sum|count|total)$/, "")) ?? help.get(name) ?? "",
  }));
}

export default function Metrics() {
  const { t } = useI18n();
  const { api } = useSession();
  const [metrics] = createResource(async () =>
    summarize(await (await api.fetch(new Request(`${location.origin}/api/metrics`))).text()),
  );
  return (
    <div class="stack">
      <h1>{t("admin.metrics")}</h1>
      <Show when={metrics()} fallback={<p class="muted">{t("common.loading")}</p>}>
        <div class="table-wrap">
          <table>
            <tbody>
              <For each={metrics()}>
                {(m) => (
                  <tr>
                    <td>
                      <code>{m.name}</code>
                      <div class="hint">{m.help}</div>
                    </td>
                    <td>{Number.isInteger(m.value) ? m.value : m.value.toFixed(3)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </div>
  );
}
