"""A plain re-statement of the transport, timing, freshness and price rules of
src/SupplyMatch.Core/MODEL.md, used to design and verify the demo scenario.

Inputs are dicts keyed by the CSV column names, with typed values (floats, ints, dates, sets).
"""
import math
from datetime import date, timedelta
from decimal import Decimal, ROUND_HALF_UP

EARTH_RADIUS_KM = 6371.0088
ROAD_FACTOR = 1.3
LOAD_FACTOR = 0.85
DISPATCH_HOUR = 16
HANDLING_HOURS = 2.0
GRADE_RANK = {"second": 1, "first": 2, "premium": 3}

# Reasons in the order of MODEL.md's "Candidate arcs" checks.
GRADE, CERT, COLD, WINDOW, FRESH, PRICE, OK = range(7)
REASON_NAMES = ["GradeTooLow", "CertificationMissing", "NoColdChain", "NoSupplyInWindow",
                "NotFreshEnough", "TooExpensive", "Compatible"]


def fen(value):
    """CNY (float or Decimal) to whole fen, half away from zero."""
    return int(Decimal(str(value)).scaleb(2).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fen_of_ratio(numerator, denominator):
    """A CNY/kg rate given as a fraction, rounded to whole fen half away from zero."""
    q = Decimal(repr(numerator)) / Decimal(repr(denominator))
    return int(q.scaleb(2).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def round_km(x):
    return float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


class Transport:
    """Distance, tariff (fen/kg) and transit hours of (base, buyer, storage class)."""

    def __init__(self, vehicles, lanes):
        self.vehicles = sorted(vehicles, key=lambda v: v["id"])
        self.lanes = {(l["origin_id"], l["destination_id"]): l for l in lanes}
        self.cache = {}

    def leg(self, base, buyer, storage):
        key = (base["id"], buyer["id"], storage)
        if key not in self.cache:
            self.cache[key] = self._compute(base, buyer, storage)
        return self.cache[key]

    def _compute(self, base, buyer, storage):
        lane = self.lanes.get((base["id"], buyer["id"])) or self.lanes.get((base["id"], buyer["city_id"]))
        if lane:
            distance = round_km(lane["distance_km"])
        else:
            distance = round_km(haversine_km(base["lat"], base["lon"], buyer["lat"], buyer["lon"]) * ROAD_FACTOR)
        eligible = [v for v in self.vehicles if v["refrigerated"] or storage == "ambient"]
        if not eligible:
            return None
        best = None
        for v in eligible:
            rate = (v["fixed_cost"] + v["cost_per_km"] * distance) / (v["capacity_kg"] * LOAD_FACTOR)
            if best is None or rate < best[0]:
                best = (rate, v)
        rate, vehicle = best
        tariff = fen(lane["cost_per_kg"]) if lane and lane.get("cost_per_kg") is not None else \
            fen_of_ratio(vehicle["fixed_cost"] + vehicle["cost_per_km"] * distance,
                         vehicle["capacity_kg"] * LOAD_FACTOR)
        hours = lane["hours"] if lane else distance / vehicle["speed_kmh"]
        transit = hours + HANDLING_HOURS
        return {"distance_km": distance, "tariff_fen": tariff, "transit_h": transit, "vehicle": vehicle["id"]}


def days_to_delivery(transit_h, receive_to_hours):
    """k: delivery day = ship day + k (MODEL.md, Timing and freshness)."""
    arrival = DISPATCH_HOUR + transit_h
    day = math.floor(arrival / 24)
    time_of_day = arrival - 24 * day
    return day if time_of_day <= receive_to_hours + 1e-9 else day + 1


def freshness_pct(shelf_days, age_days):
    return math.floor(100 * (shelf_days - age_days) / shelf_days)


def evaluate(lot, line, ctx):
    """(stage, details) of a same-product pair; stage OK when compatible."""
    product = ctx["products"][lot["product_code"]]
    base = ctx["bases"][lot["base_id"]]
    buyer = ctx["buyers"][line["buyer_id"]]
    if GRADE_RANK[lot["grade"]] < GRADE_RANK[line["min_grade"]]:
        return GRADE, {}
    if not buyer["required_certifications"] <= base["certifications"]:
        return CERT, {"missing": sorted(buyer["required_certifications"] - base["certifications"])}
    leg = ctx["transport"].leg(base, buyer, product["storage_class"])
    if leg is None:
        return COLD, {}
    k = days_to_delivery(leg["transit_h"], buyer["receive_to_h"])
    ship = None
    d = lot["available_from"]
    while d <= lot["available_to"]:
        if line["earliest"] <= d + timedelta(days=k) <= line["latest"]:
            ship = d
            break
        d += timedelta(days=1)
    if ship is None:
        return WINDOW, {"k": k}
    delivery = ship + timedelta(days=k)
    fresh = freshness_pct(product["shelf_life_days"], (delivery - lot["harvest_date"]).days)
    if fresh < line["min_freshness_pct"]:
        return FRESH, {"freshness": fresh, "k": k}
    landed = fen(lot["price_cny_per_kg"]) + leg["tariff_fen"]
    details = {"landed_fen": landed, "freshness": fresh, "k": k, "ship": ship, "delivery": delivery,
               "tariff_fen": leg["tariff_fen"], "distance_km": leg["distance_km"]}
    if landed > fen(line["max_landed_cny_per_kg"]):
        return PRICE, details
    return OK, details


def line_reason(line, lots_by_product, ctx):
    """Furthest stage any same-product lot reached, compatible lots and the evaluated pairs."""
    pairs = [(lot, *evaluate(lot, line, ctx)) for lot in lots_by_product.get(line["product_code"], [])]
    compatible = [p for p in pairs if p[1] == OK]
    furthest = max((p[1] for p in pairs), default=WINDOW)
    return furthest, compatible, pairs


def d(s):
    return date.fromisoformat(s)
