import { VodBrowser } from "../../components/vod-browser.tsx";

export default function Movies() {
  return <VodBrowser kind="movie" />;
}
