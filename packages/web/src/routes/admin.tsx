import type { RouteSectionProps } from "@solidjs/router";
import { SectionLayout } from "../components/section-layout.tsx";
import { useI18n } from "../i18n/i18n.tsx";

export default function AdminLayout(props: RouteSectionProps) {
  const { t } = useI18n();
  const links = () => [
    { href: "/admin", label: t("admin.stores") },
    { href: "/admin/nodes", label: t("admin.nodes") },
    { href: "/admin/metrics", label: t("admin.metrics") },
  ];
  return (
    <SectionLayout title={t("admin.title")} roles={["platform_admin"]} links={links()} platform>
      {props.children}
    </SectionLayout>
  );
}
