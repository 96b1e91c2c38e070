import { NodesTable } from "../../components/nodes-table.tsx";
import { useI18n } from "../../i18n/i18n.tsx";

export default function GlobalNodes() {
  const { t } = useI18n();
  return (
    <div class="stack">
      <h1>{t("admin.nodes")}</h1>
      <NodesTable scope="global" />
    </div>
  );
}
