// Shapes of the logistics endpoints' JSON (the Core records serialised camelCase, enums as camelCase strings except the
// routing reasons, which the service writes as snake_case names).
import type { GeoPoint } from './types';

export interface Page<T> { items: T[]; nextAfter: string | null; total: number }

export interface Hub { id: string; nameZh: string; nameEn: string; kind: string; region: string; location: GeoPoint }
export interface VehicleType { id: string; nameZh: string; nameEn: string; capacityKg: number; refrigerated: boolean }

export interface LogisticsKpis {
  demandKg: number; allocatedKg: number; fillRateKg: number; lines: number; linesFullyMet: number; linesUnmet: number; trucks: number;
  refrigeratedTrucks: number; averageFillPercent: number; truckKm: number; tonKm: number; transportCostCny: number; costPerKgCny: number;
  kgViaOriginHubs: number; kgViaDcs: number; co2Kg: number; lineHaulCo2Kg: number; co2KgPerTonne: number;
}

export interface RoutingKpis {
  runs: number; routes: number; stops: number; routedKg: number; unroutedStops: number; unroutedKg: number; km: number; costCny: number;
  averageFillPercent: number; co2Kg: number; plannedCityDeliveryCny: number;
}

export interface LogisticsStatistics {
  solver: string; status: string; lots: number; lines: number; candidateArcs: number; retainedArcs: number; completeModel: boolean;
  objectiveCny: number; bestBoundCny: number; lpBoundCny: number; lagrangianBoundCny: number; gapPercent: number;
}

export interface LogisticsSummary {
  status: string; objectiveCny: number; objective: Record<string, number>; kpis: LogisticsKpis; routing: RoutingKpis | null;
  statistics: LogisticsStatistics;
}

export interface ProductLoad { productCode: string; kg: number }

export interface Shipment {
  id: string; vehicleTypeId: string; refrigerated: boolean; storageClass: string; originId: string; destinationId: string; shipDay: string;
  departureUtc: string; arrivalUtc: string; distanceKm: number; capacityKg: number; loadKg: number; fillPercent: number; costCny: number;
  co2Kg: number; byProduct: ProductLoad[];
}

export interface RouteStop {
  sequence: number; buyerId: string; kg: number; coldKg: number; lineIds: string[]; arrivalUtc: string; serviceStartUtc: string;
  departureUtc: string; kmFromPrevious: number;
}

export interface DeliveryRoute {
  id: string; dcId: string; day: string; vehicleTypeId: string; refrigerated: boolean; capacityKg: number; loadKg: number; fillPercent: number;
  distanceKm: number; departureUtc: string; returnUtc: string; costCny: number; co2Kg: number; stops: RouteStop[];
}

export interface UnroutedDelivery { dcId: string; day: string; buyerId: string; kg: number; lineIds: string[]; reason: string; message: string; messageZh: string | null }

export interface PlannedPickup { baseId: string; lotId: string; productCode: string; shipDay: string; departureUtc: string; kg: number; mode: string; toId: string }

/**
 * leg: direct (line-haul truck to the buyer), routed (city route from a distribution centre), partlyRouted (part of its kg
 * on a route, unroutedKg on none), unrouted, notRouted. From a centre on a routed day, routedKg + unroutedKg = kg.
 */
export interface PlannedDelivery {
  buyerId: string; lineId: string; productCode: string; deliveryDay: string; kg: number; dcId: string | null; leg: string;
  routeId: string | null; stopSequence: number | null; etaUtc: string | null;
  routedKg: number | null; unroutedKg: number | null; unroutedReason: string | null;
}
