// Text files imported `with { type: "text" }` give their contents (Bun embeds them in builds).
declare module "*.txt" {
  const text: string;
  export default text;
}
