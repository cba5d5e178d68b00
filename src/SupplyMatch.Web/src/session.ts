import { api, apiKey, setApiKey } from './api';

/** Who the key belongs to, as GET /api/v1/me tells. */
export interface Me {
  role: 'planner' | 'buyer' | 'base' | 'admin';
  ownerId: string | null;
  ownerNameZh: string | null;
  ownerNameEn: string | null;
  keyId: string;
  name: string;
}

let me: Me | null = null;

export function currentUser(): Me | null {
  return me;
}

/** Checks a key against the API and keeps it for this browser tab only (sessionStorage). */
export async function signIn(key: string): Promise<Me> {
  const who = await api.get<Me>('/me', key);
  setApiKey(key);
  me = who;
  return who;
}

/** Re-reads who the stored key belongs to (after a reload); null when there is no key. */
export async function restore(): Promise<Me | null> {
  const key = apiKey();
  if (!key) return null;
  me = await api.get<Me>('/me', key);
  return me;
}

export function signOut(): void {
  setApiKey(null);
  me = null;
}
