/**
 * Profile picker: who is watching. Locked profiles ask for their PIN.
 */
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { ProblemMessage } from "../../components/problem-message.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { chooseProfile } from "../../lib/profile.ts";
import { useSession } from "../../lib/session.tsx";
import { settle } from "../../lib/settle.ts";
import { useStore } from "../../lib/store-context.tsx";

export default function ProfilePicker() {
  const { t } = useI18n();
  const { api } = useSession();
  const store = useStore();
  const navigate = useNavigate();
  const [error, setError] = createSignal<unknown>(null);
  const [profiles, { refetch }] = createResource(() =>
    settle(() => api.GET("/v1/me/profiles"), setError, { items: [], limit: 0 }),
  );
  const [locked, setLocked] = createSignal<{ id: string; name: string; kids: boolean } | null>(null);
  const [adding, setAdding] = createSignal(false);

  const enter = (p: { id: string; name: string; kids: boolean }) => {
    chooseProfile(store()?.slug ?? null, { id: p.id, name: p.name, kids: p.kids });
    navigate("/watch/live");
  };

  return (
    <div class="page stack profiles-page">
      <h1>{t("profiles.title")}</h1>
      <ul class="profiles" aria-label={t("profiles.title")}>
        <For each={profiles()?.items ?? []}>
          {(p) => (
            <li>
              <button type="button" class="profile" onClick={() => (p.hasPin ? setLocked(p) : enter(p))}>
                <span class="avatar" aria-hidden="true">
                  {p.name.charAt(0).toUpperCase()}
                </span>
                <span>{p.name}</span>
                <Show when={p.hasPin}>
                  <span class="muted">🔒</span>
                </Show>
              </button>
            </li>
          )}
        </For>
        <Show when={(profiles()?.items.length ?? 0) < Number(profiles()?.limit ?? 0)}>
          <li>
            <button type="button" class="profile profile-add" onClick={() => setAdding(true)}>
              <span class="avatar" aria-hidden="true">
                +
              </span>
              <span>{t("profiles.add")}</span>
            </button>
          </li>
        </Show>
      </ul>
      <Show when={adding()}>
        <form
          class="card stack page-narrow"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            setError(null);
            try {
              await api.POST("/v1/me/profiles", {
                body: { name: String(form.get("name")), kids: form.get("kids") === "on" },
              });
              setAdding(false);
              await refetch();
            } catch (err) {
              setError(err);
            }
          }}
        >
          <label>
            {t("profiles.name")}
            <input name="name" required maxLength={50} />
          </label>
          <label class="row">
            <input type="checkbox" name="kids" /> {t("profiles.kids")}
          </label>
          <div class="row">
            <button class="btn btn-primary" type="submit">
              {t("console.create")}
            </button>
            <button class="btn" type="button" onClick={() => setAdding(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      </Show>
      <Show when={locked()}>
        {(p) => (
          <form
            class="card stack page-narrow"
            onSubmit={async (e) => {
              e.preventDefault();
              const pin = String(new FormData(e.currentTarget).get("pin"));
              setError(null);
              try {
                await api.POST("/v1/me/profiles/{id}/pin/verify", {
                  params: { path: { id: p().id } },
                  body: { pin },
                });
                enter(p());
              } catch (err) {
                setError(err);
              }
            }}
          >
            <label>
              {t("profiles.enterPin", { name: p().name })}
              <input name="pin" inputmode="numeric" autocomplete="off" required />
            </label>
            <button class="btn btn-primary" type="submit">
              {t("profiles.unlock")}
            </button>
          </form>
        )}
      </Show>
      <Show when={error()}>{(e) => <ProblemMessage error={e()} />}</Show>
    </div>
  );
}
