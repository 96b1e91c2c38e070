/**
 * Streaming nodes with their state and last reported load (refreshed every 10 s).
 */
import { createResource, onCleanup } from "solid-js";
import { useI18n } from "../i18n/i18n.tsx";
import { useSession } from "../lib/session.tsx";
import { DataTable, StatusBadge } from "./data-table.tsx";

export function NodesTable() {
  const { t } = useI18n();
  const { api } = useSession();
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
    <DataTable
      rows={nodes()?.items}
      empty={t("console.empty")}
      caption={t("console.nodes")}
      columns={[
        { header: t("console.name"), cell: (n) => n.name },
        { header: t("c.scope"), cell: (n) => n.scope },
        { header: "URL", cell: (n) => <code>{n.url}</code> },
        { header: t("console.status"), cell: (n) => <StatusBadge status={String(n.state)} /> },
        { header: t("c.load"), cell: (n) => load(n.load) },
        {
          header: t("c.heartbeat"),
          cell: (n) => (n.lastHeartbeatAt ? new Date(n.lastHeartbeatAt).toLocaleTimeString() : "—"),
        },
      ]}
    />
  );
}
