import { NodesTable } from "../../components/nodes-table.tsx";
import { SectionPage } from "../../components/section-page.tsx";
import { useI18n } from "../../i18n/i18n.tsx";

export default function Nodes() {
  const { t } = useI18n();
  return (
    <SectionPage title={t("console.nodes")}>
      <NodesTable scope="store" />
    </SectionPage>
  );
}
