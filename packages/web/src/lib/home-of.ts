/** Where an account lands after signing in, by role. */
export function homeOf(role: string): "/watch" | "/console" | "/admin" {
  if (role === "platform_admin") return "/admin";
  if (role === "store_owner" || role === "store_staff") return "/console";
  return "/watch";
}
