/**
 * Streaming nodes with their state and last reported load (refreshed every 10 s).
 */
import { createResource, createSignal, onCleanup, Show } from "solid-js";
import { useI18n } from "../i18n/i18n.tsx";
import { labelOf } from "../i18n/label.ts";
import { useSession } from "../lib/session.tsx";
import { createAction } from "../lib/use-action.ts";
import { DataTable, StatusBadge } from "./data-table.tsx";
import { FormCard } from "./form-card.tsx";
import { ProblemMessage } from "./problem-message.tsx";

/** Nodes with their state; `scope` lets the caller declare new ones (global for the platform). */
export function NodesTable(props: { scope: "global" | "store" }) {
  const { t } = useI18n();
  const { api } = useSession();
  const action = createAction();
  const [secret, setSecret] = createSignal<{ name: string; secret: string; expires: string } | null>(null);
  const [nodes, { refetch }] = createResource(() => api.GET("/v1/nodes"));
  const timer = setInterval(() => void refetch(), 10_000);
  onCleanup(() => clearInterval(timer));
  const load = (value: unknown) => {
    if (!value || typeof value !== "object") return "—";
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => typeof v === "number" || typeof v === "string")
      .map(([k, v]) => `${k} ${v}`)
      .join(" · ");
  };
  return (
    <div class="stack">
      <Show when={action.error()}>{(e) => <ProblemMessage error={e()} />}</Show>
      <DataTable
        rows={nodes()?.items}
        caption={t("console.nodes")}
        columns={[
          { header: t("console.name"), cell: (n) => n.name },
          { header: t("c.scope"), cell: (n) => labelOf(t, "scope", n.scope) },
          { header: "URL", cell: (n) => <code>{n.url}</code> },
          { header: t("console.status"), cell: (n) => <StatusBadge status={String(n.state)} /> },
          { header: t("c.load"), cell: (n) => load(n.load) },
          {
            header: t("c.heartbeat"),
            cell: (n) => (n.lastHeartbeatAt ? new Date(n.lastHeartbeatAt).toLocaleTimeString() : "—"),
          },
        ]}
      />
      <Show when={secret()}>
        {(made) => (
          <div class="ok-box stack" role="status">
            <strong>{t("c.nodeSecret", { name: made().name })}</strong>
            <code>{made().secret}</code>
            <span class="hint">
              {t("c.nodeSecretHint", { time: new Date(made().expires).toLocaleString() })}
            </span>
          </div>
        )}
      </Show>
      <FormCard
        title={t("c.declareNode")}
        label={t("c.declareNode")}
        submit={t("console.add")}
        busy={action.busy()}
        onSubmit={(f) =>
          void action.run(async () => {
            const made = await api.POST("/v1/nodes", {
              body: {
                name: String(f.get("name")),
                scope: props.scope,
                maxStreams: Number(f.get("maxStreams")),
                egressMbps: Number(f.get("egressMbps")),
              },
            });
            setSecret({
              name: made.node.name,
              secret: made.registrationSecret,
              expires: made.registrationExpiresAt,
            });
            await refetch();
          })
        }
      >
        <div class="row">
          <label>
            {t("console.name")}
            <input name="name" required maxLength={80} placeholder="edge-fra-1" />
          </label>
          <label>
            {t("c.maxStreams")}
            <input name="maxStreams" type="number" min="1" value="1000" required />
          </label>
          <label>
            {t("c.egressMbps")}
            <input name="egressMbps" type="number" min="1" value="10000" required />
          </label>
        </div>
      </FormCard>
    </div>
  );
}
