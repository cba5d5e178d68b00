import { api, ApiError } from './api';
import { pick } from './i18n';
import type { Hub, VehicleType } from './logisticsTypes';
import type { Base, Buyer, City, Product } from './types';

// Reference data, read once per sign-in. Products and cities are open to every role; bases and buyers to planners.
let products: Promise<Map<string, Product>> | null = null;
let cities: Promise<Map<string, City>> | null = null;
let bases: Promise<Map<string, Base>> | null = null;
let buyers: Promise<Map<string, Buyer>> | null = null;
let hubs: Promise<Map<string, Hub>> | null = null;
let vehicleTypes: Promise<Map<string, VehicleType>> | null = null;

const byKey = <T>(items: T[], key: (t: T) => string) => new Map(items.map((i) => [key(i), i]));

export const reference = {
  products: () => (products ??= api.get<Product[]>('/products').then((l) => byKey(l, (p) => p.code))),
  cities: () => (cities ??= api.get<City[]>('/cities').then((l) => byKey(l, (c) => c.id))),
  bases: () => (bases ??= api.get<Base[]>('/bases').then((l) => byKey(l, (b) => b.id))),
  buyers: () => (buyers ??= api.get<Buyer[]>('/buyers').then((l) => byKey(l, (b) => b.id))),
  // A service without hubs as reference data answers 404: ids are then shown as they are.
  hubs: () => (hubs ??= api.get<Hub[]>('/hubs').catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return [] as Hub[];
    throw e;
  }).then((l) => byKey(l, (h) => h.id))),
  vehicleTypes: () => (vehicleTypes ??= api.get<VehicleType[]>('/vehicle-types').then((l) => byKey(l, (v) => v.id))),
  forget: () => {
    products = cities = bases = buyers = hubs = vehicleTypes = null;
    roundPlaces.clear();
  },
};

/** The reference data a round planned with, from its snapshot: later edits do not change the round's flows, map or names. */
export interface RoundPlaces {
  products: Map<string, Product>;
  cities: Map<string, City>;
  bases: Map<string, Base>;
  buyers: Map<string, Buyer>;
  hubs: Map<string, Hub>;
  vehicleTypes: Map<string, VehicleType>;
}

const roundPlaces = new Map<string, Promise<RoundPlaces>>();

export function roundReference(roundId: string): Promise<RoundPlaces> {
  let places = roundPlaces.get(roundId);
  if (!places) {
    places = api.get<{ products: Product[]; cities: City[]; bases: Base[]; buyers: Buyer[]; hubs: Hub[]; vehicleTypes: VehicleType[] }>(
      `/rounds/${encodeURIComponent(roundId)}/reference`).then((r) => ({
      products: byKey(r.products, (p) => p.code),
      cities: byKey(r.cities, (c) => c.id),
      bases: byKey(r.bases, (b) => b.id),
      buyers: byKey(r.buyers, (b) => b.id),
      hubs: byKey(r.hubs, (h) => h.id),
      vehicleTypes: byKey(r.vehicleTypes, (v) => v.id),
    }));
    // A failed read is not kept: the next visit asks again.
    places.catch(() => roundPlaces.delete(roundId));
    roundPlaces.set(roundId, places);
  }
  return places;
}

export function productName(map: Map<string, Product>, code: string): string {
  const p = map.get(code);
  return p ? pick(p.nameZh, p.nameEn) : code;
}

export function named(item: { nameZh: string; nameEn: string } | undefined, fallback: string): string {
  return item ? pick(item.nameZh, item.nameEn) : fallback;
}

/** A counterpart named in a buyer's or base's own plan (which carries its names): in the chosen language, else its id. */
export function ownName(nameZh: string | null | undefined, nameEn: string | null | undefined, id: string): string {
  return pick(nameZh, nameEn) || id;
}
