/**
 * Title, description and Open Graph tags of a page, rendered on the server.
 */
import { Meta, Title } from "@solidjs/meta";
import { Show } from "solid-js";

export function PageMeta(props: {
  title: string;
  description?: string;
  image?: string | null;
  siteName?: string;
}) {
  return (
    <>
      <Title>{props.title}</Title>
      <Meta property="og:title" content={props.title} />
      <Meta property="og:type" content="website" />
      <Show when={props.siteName}>{(name) => <Meta property="og:site_name" content={name()} />}</Show>
      <Show when={props.description}>
        {(text) => (
          <>
            <Meta name="description" content={text()} />
            <Meta property="og:description" content={text()} />
            <Meta name="twitter:card" content="summary" />
          </>
        )}
      </Show>
      <Show when={props.image}>{(src) => <Meta property="og:image" content={src()} />}</Show>
    </>
  );
}
