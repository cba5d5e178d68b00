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
  },
};

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
