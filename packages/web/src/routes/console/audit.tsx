/**
 * The audit log: who changed what, newest first, by name (the API names actors and targets;
 * a platform account shows as its role, and a deleted object as its kind).
 */
import { createResource, Show } from "solid-js";
import { DataTable } from "../../components/data-table.tsx";
import { SectionPage } from "../../components/section-page.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { labelKey, labelOf } from "../../i18n/label.ts";
import { useSession } from "../../lib/session.tsx";

export default function Audit() {
  const { t, formatDateTime } = useI18n();
  const { api } = useSession();
  const [entries] = createResource(() => api.GET("/v1/audit"));
  type Entry = NonNullable<ReturnType<typeof entries>>["items"][number];
  const actor = (e: Entry) => {
    const role = e.role ? labelOf(t, "role", e.role) : labelOf(t, "actor", e.actorKind);
    return e.actorName ? `${e.actorName} · ${role}` : role;
  };
  const target = (e: Entry) => {
    const kind = e.targetType ? labelOf(t, "target", e.targetType) : null;
    if (e.targetName) return kind ? `${kind}: ${e.targetName}` : e.targetName;
    return kind ?? "—";
  };
  return (
    <SectionPage title={t("console.audit")}>
      <DataTable
        rows={entries()?.items}
        caption={t("console.audit")}
        columns={[
          { header: t("c.when"), cell: (e) => formatDateTime(e.at) },
          {
            header: t("c.action"),
            cell: (e) => (
              <Show when={labelKey("audit", e.action)} fallback={<code>{e.action}</code>}>
                {(key) => <span title={e.action}>{t(key())}</span>}
              </Show>
            ),
          },
          { header: t("c.actor"), cell: actor },
          { header: t("c.target"), cell: target },
          { header: "IP", cell: (e) => e.ip ?? "—" },
        ]}
      />
    </SectionPage>
  );
}
