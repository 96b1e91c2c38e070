/**
 * The audit log: who changed what, newest first.
 */
import { createResource } from "solid-js";
import { DataTable } from "../../components/data-table.tsx";
import { SectionPage } from "../../components/section-page.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { useSession } from "../../lib/session.tsx";

export default function Audit() {
  const { t } = useI18n();
  const { api } = useSession();
  const [entries] = createResource(() => api.GET("/v1/audit"));
  const time = (iso: string) => new Date(iso).toLocaleString();
  return (
    <SectionPage title={t("console.audit")}>
      <DataTable
        rows={entries()?.items}
        columns={[
          { header: t("c.when"), cell: (e) => time(e.at) },
          { header: t("c.action"), cell: (e) => <code>{e.action}</code> },
          { header: t("c.actor"), cell: (e) => `${e.role ?? e.actorKind} ${e.actorId ?? ""}` },
          { header: t("c.target"), cell: (e) => `${e.targetType ?? ""} ${e.targetId ?? ""}` },
          { header: "IP", cell: (e) => e.ip ?? "—" },
        ]}
      />
    </SectionPage>
  );
}
