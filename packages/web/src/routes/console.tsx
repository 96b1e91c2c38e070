import type { RouteSectionProps } from "@solidjs/router";
import { SectionLayout } from "../components/section-layout.tsx";
import { useI18n } from "../i18n/i18n.tsx";

export default function ConsoleLayout(props: RouteSectionProps) {
  const { t } = useI18n();
  const links = () => [
    { href: "/console", label: t("console.branding") },
    { href: "/console/users", label: t("console.users") },
    { href: "/console/plans", label: t("console.plans") },
    { href: "/console/subscriptions", label: t("console.subscriptions") },
    { href: "/console/providers", label: t("console.providers") },
    { href: "/console/catalog", label: t("console.catalog") },
    { href: "/console/nodes", label: t("console.nodes") },
    { href: "/console/api-keys", label: t("c.apiKeys") },
    { href: "/console/audit", label: t("console.audit") },
  ];
  return (
    <SectionLayout title={t("console.title")} roles={["store_owner", "store_staff"]} links={links()}>
      {props.children}
    </SectionLayout>
  );
}
