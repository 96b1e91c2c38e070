/**
 * Platform metrics: the API's Prometheus counters and gauges, summed per metric.
 */
import { createResource, For, Show } from "solid-js";
import { SectionPage } from "../../components/section-page.tsx";
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

function Tile(props: { label: string; value: string }) {
  return (
    <div class="card tile">
      <span class="muted">{props.label}</span>
      <strong>{props.value}</strong>
    </div>
  );
}

export default function Metrics() {
  const { t } = useI18n();
  const { api } = useSession();
  const [metrics] = createResource(async () =>
    summarize(await (await api.fetch(new Request(`${location.origin}/api/metrics`))).text()),
  );
  const [stores] = createResource(() => api.GET("/v1/stores/").catch(() => null));
  const [nodes] = createResource(() => api.GET("/v1/nodes").catch(() => null));
  const value = (name: string) => metrics()?.find((m) => m.name === name)?.value ?? 0;
  const tiles = () => {
    const requests = value("http_requests_total");
    const mean = requests ? (value("http_request_duration_seconds_sum") / requests) * 1000 : 0;
    const uptime = Date.now() / 1000 - value("process_start_time_seconds");
    const online = (nodes()?.items ?? []).filter((n) =>
      ["active", "healthy", "online"].includes(String(n.state)),
    ).length;
    return [
      { label: t("admin.stores"), value: String(stores()?.items.length ?? "—") },
      { label: t("admin.nodes"), value: `${online} / ${nodes()?.items.length ?? 0}` },
      { label: t("c.requests"), value: String(requests) },
      { label: t("c.meanLatency"), value: `${mean.toFixed(1)} ms` },
      { label: t("c.memory"), value: `${(value("process_resident_memory_bytes") / 1048576).toFixed(0)} MiB` },
      {
        label: t("c.uptime"),
        value: `${Math.floor(uptime / 3600)} h ${Math.floor((uptime % 3600) / 60)} min`,
      },
    ];
  };
  return (
    <SectionPage title={t("admin.metrics")}>
      <Show when={metrics()} fallback={<p class="muted">{t("common.loading")}</p>}>
        <div class="tiles">
          <For each={tiles()}>{(tile) => <Tile label={tile.label} value={tile.value} />}</For>
        </div>
        <details>
          <summary>{t("c.allMetrics")}</summary>
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
        </details>
      </Show>
    </SectionPage>
  );
}
