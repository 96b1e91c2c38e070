import { useI18n } from "../i18n/i18n.tsx";
import { homeOf } from "../lib/home-of.ts";
import { useSession } from "../lib/session.tsx";
import { TopBar } from "./top-bar.tsx";

/** The storefront header: links into the app for a signed-in account. */
export function StorefrontBar() {
  const { t } = useI18n();
  const session = useSession();
  const links = () => {
    const account = session.account();
    if (!account) return [];
    const home = homeOf(account.role);
    const label =
      home === "/watch" ? t("nav.watch") : home === "/console" ? t("nav.console") : t("nav.admin");
    return [{ href: home, label }];
  };
  return <TopBar links={links()} />;
}
