/**
 * Frame of the store console and the platform admin: header, side navigation, guarded content.
 */
import { A } from "@solidjs/router";
import { For, type JSX } from "solid-js";
import { RequireAccount } from "../lib/require-account.tsx";
import { PageMeta } from "./page-meta.tsx";
import { TopBar } from "./top-bar.tsx";

export function SectionLayout(props: {
  title: string;
  roles: string[];
  links: { href: string; label: string }[];
  children: JSX.Element;
  platform?: boolean;
}) {
  return (
    <>
      <PageMeta title={props.title} />
      <TopBar platform={props.platform ?? false} />
      <div class="console">
        <nav class="sidenav" aria-label={props.title}>
          <For each={props.links}>
            {(link) => (
              <A href={link.href} end>
                {link.label}
              </A>
            )}
          </For>
        </nav>
        <main id="content" class="page">
          <RequireAccount roles={props.roles}>{() => props.children}</RequireAccount>
        </main>
      </div>
    </>
  );
}
