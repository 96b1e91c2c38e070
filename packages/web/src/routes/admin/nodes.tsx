import { NodesTable } from "../../components/nodes-table.tsx";
import { SectionPage } from "../../components/section-page.tsx";
import { useI18n } from "../../i18n/i18n.tsx";

export default function GlobalNodes() {
  const { t } = useI18n();
  return (
    <SectionPage title={t("admin.nodes")}>
      <NodesTable scope="global" />
    </SectionPage>
  );
}
