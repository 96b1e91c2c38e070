/**
 * Guards signed-in sections: sends visitors without a session (or with the wrong role) to the
 * login page, then renders the section once the account is known.
 */
import { useLocation, useNavigate } from "@solidjs/router";
import { createEffect, type JSX, Show } from "solid-js";
import { useI18n } from "../i18n/i18n.tsx";
import { homeOf } from "./home-of.ts";
import { type Account, useSession } from "./session.tsx";

export function RequireAccount(props: {
  roles: string[];
  children: (account: () => Account) => JSX.Element;
}) {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { t } = useI18n();
  createEffect(() => {
    if (session.account.loading) return;
    const account = session.account();
    if (account === null) navigate(`/login?next=${encodeURIComponent(location.pathname)}`, { replace: true });
    else if (account && !props.roles.includes(account.role))
      navigate(homeOf(account.role), { replace: true });
  });
  return (
    <Show
      when={(() => {
        const account = session.account();
        return account && props.roles.includes(account.role) ? account : null;
      })()}
      fallback={<p class="page muted">{t("common.loading")}</p>}
    >
      {(account) => props.children(account)}
    </Show>
  );
}
