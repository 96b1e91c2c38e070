/**
 * The viewer app's frame: header with the viewer sections, signed-in viewers only.
 */
import type { RouteSectionProps } from "@solidjs/router";
import { PageMeta } from "../components/page-meta.tsx";
import { TopBar } from "../components/top-bar.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { RequireAccount } from "../lib/require-account.tsx";
import { useStore } from "../lib/store-context.tsx";
import "../styles/viewer.css";

export default function WatchLayout(props: RouteSectionProps) {
  const { t } = useI18n();
  const store = useStore();
  const links = () => [
    { href: "/watch/live", label: t("nav.live") },
    { href: "/watch/guide", label: t("nav.guide") },
    { href: "/watch/movies", label: t("nav.movies") },
    { href: "/watch/series", label: t("nav.series") },
    { href: "/watch/account", label: t("nav.account") },
  ];
  return (
    <>
      <PageMeta title={`${t("nav.watch")} · ${store()?.name ?? "NeveWatch"}`} />
      <TopBar links={links()} />
      <main id="content" class="viewer">
        <RequireAccount roles={["viewer"]}>{() => props.children}</RequireAccount>
      </main>
    </>
  );
}
