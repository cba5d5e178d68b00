// Shapes of the API's JSON (camelCase), as far as the dashboard reads them.
export interface GeoPoint { lat: number; lon: number }
export interface City { id: string; nameZh: string; nameEn: string; location: GeoPoint }
export interface Product { code: string; nameZh: string; nameEn: string; category: string; shelfLifeDays: number; storage: string }
export interface Base { id: string; nameZh: string; nameEn: string; province: string; countyZh: string; countyEn: string; location: GeoPoint; poorHouseholds: number; povertyLinked: boolean }
export interface Buyer { id: string; nameZh: string; nameEn: string; type: string; cityId: string; location: GeoPoint }

export interface Kpis {
  demandKg: number; allocatedKg: number; fillRateKg: number; lines: number; linesFullyMet: number; linesPartlyMet: number; linesUnmet: number;
  fillRateLines: number; exFarmCostCny: number; transportCostCny: number; landedCostCny: number; landedCnyPerKg: number; tonKm: number;
  povertyLinkedKg: number; povertyLinkedCny: number; povertySharePercent: number; householdsReached: number;
  unmetByReason: Array<{ reason: string; kg: number; lines: number }>;
}

export interface SolverStatistics {
  solver: string; status: string; arcs: number; variables: number; constraints: number; objectiveCny: number; boundCny: number; gapPercent: number;
}

export interface Round {
  id: string; status: string; horizonFrom: string; horizonTo: string; cutoff: string; earliestShipDay: string | null; lines: number; lots: number; attempts: number;
  error: string | null; createdAt: string; createdBy: string; startedAt: string | null; finishedAt: string | null; publishedAt: string | null;
  worker: string | null; settings: Record<string, unknown>; statistics: SolverStatistics | null; kpis: Kpis | null;
}

export interface Allocation {
  lotId: string; lineId: string; baseId: string; buyerId: string; productCode: string; kg: number; shipDay: string; deliveryDay: string;
  distanceKm: number; freshnessPercent: number; exFarmCnyPerKg: number; transportCnyPerKg: number; landedCnyPerKg: number;
}

export interface UnmetLine {
  lineId: string; buyerId: string; productCode: string; requestedKg: number; allocatedKg: number; unmetKg: number; reason: string;
  explanation: { message: string; messageZh: string };
}

export interface DemandLine {
  id: string; buyerId: string; productCode: string; minGrade: string; quantityKg: number; earliest: string; latest: string;
  maxLandedCnyPerKg: number; minFreshnessPercent: number; partialAllowed: boolean; priority: number; status: string; version: number;
  createdAt: string; updatedAt: string;
}

export interface Lot {
  id: string; baseId: string; productCode: string; grade: string; harvestDate: string; availableFrom: string; availableTo: string;
  quantityKg: number; firmKg: number | null; priceCnyPerKg: number; minOrderKg: number; revision: number; updatedAt: string;
  /** open, or cancelled once the base's snapshot feed no longer lists it (rounds leave it out). */
  status: 'open' | 'cancelled';
}

export const isTerminal = (status: string) => ['solved', 'published', 'failed', 'cancelled'].includes(status);
export const hasResults = (status: string) => status === 'solved' || status === 'published';

export interface FeedRunCounts { read: number; created: number; updated: number; unchanged: number; cancelled: number; kept: number; rejected: number }

export interface FeedRun {
  id: string; feedId: string; trigger: string; status: string; startedAt: string; finishedAt: string | null; httpStatus: number | null;
  attempts: number; bytes: number | null; counts: FeedRunCounts; error: string | null;
  /** The stable code of error and its specifics; null for runs stored before codes were kept (error is then English only). */
  errorCode: string | null; errorParams: Record<string, string> | null;
}

export interface FeedView {
  id: string; kind: string; ownerId: string; url: string; format: string; cron: string; mode: string; authHeaderName: string | null;
  hasAuthHeaderValue: boolean; enabled: boolean; createdAt: string; updatedAt: string; lastRun: FeedRun | null;
}

/** message is English; code and reasonZh are null for rows stored before codes were kept. */
export interface FeedRejection { row: number; externalId: string | null; column: string | null; message: string; code: string | null; reasonZh: string | null }
