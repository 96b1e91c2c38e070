import { AuthForm } from "../components/auth-form.tsx";
import { PageMeta } from "../components/page-meta.tsx";
import { StorefrontBar } from "../components/storefront-bar.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { useStore } from "../lib/store-context.tsx";

export default function Login() {
  const { t } = useI18n();
  const store = useStore();
  return (
    <>
      <PageMeta
        title={t("auth.loginTitle", { store: store()?.name ?? "NeveWatch" })}
        siteName={store()?.name ?? "NeveWatch"}
      />
      <StorefrontBar />
      <main id="content" class="page page-narrow">
        <AuthForm mode="login" />
      </main>
    </>
  );
}
