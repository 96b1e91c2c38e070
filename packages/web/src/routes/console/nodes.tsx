import { NodesTable } from "../../components/nodes-table.tsx";
import { useI18n } from "../../i18n/i18n.tsx";

export default function Nodes() {
  const { t } = useI18n();
  return (
    <div class="stack">
      <h1>{t("console.nodes")}</h1>
      <NodesTable scope="store" />
    </div>
  );
}
