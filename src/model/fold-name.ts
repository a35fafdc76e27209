/**
 * Case- and accent-insensitive key for names: "México", "MEXICO" and "Mexico" are one key, and
 * so are "Côte d`Ivoire" and "Cote d'Ivoire" (punctuation becomes a space). Shared by readers
 * matching a publisher's names and by analytics resolving what a user typed.
 */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
