/**
 * The viewer app's frame: header with the viewer sections, signed-in viewers only.
 */
import { type RouteSectionProps, useLocation, useNavigate } from "@solidjs/router";
import { createEffect } from "solid-js";
import { isServer } from "solid-js/web";
import { PageMeta } from "../components/page-meta.tsx";
import { TopBar } from "../components/top-bar.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { currentProfile } from "../lib/profile.ts";
import { RequireAccount } from "../lib/require-account.tsx";
import { useStore } from "../lib/store-context.tsx";
import "../styles/viewer.css";

export default function WatchLayout(props: RouteSectionProps) {
  const { t } = useI18n();
  const store = useStore();
  const location = useLocation();
  const navigate = useNavigate();
  // Every viewer page is for one profile: without a choice on this device, ask who is watching.
  createEffect(() => {
    if (!isServer && location.pathname !== "/watch" && !currentProfile(store()?.slug ?? null)) {
      navigate("/watch", { replace: true });
    }
  });
  const links = () => [
    { href: "/watch/live", label: t("nav.live") },
    { href: "/watch/guide", label: t("nav.guide") },
    { href: "/watch/movies", label: t("nav.movies") },
    { href: "/watch/series", label: t("nav.series") },
    { href: "/watch/search", label: t("search.title") },
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
